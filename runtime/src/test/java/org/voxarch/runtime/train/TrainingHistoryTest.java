package org.voxarch.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrainingHistoryTest {

    @Test
    void movingAverageStartsAtTheFirstDiceAndDecidesTheBest() {
        TrainingHistory h = new TrainingHistory(0.9);
        EpochRecord e0 = h.record(0, 1.0, 1.1, Double.NaN, 0.01, 1);
        assertTrue(Double.isNaN(e0.emaDice()));
        assertFalse(e0.best());
        EpochRecord e1 = h.record(1, 0.9, 1.0, 0.5, 0.01, 1);
        assertEquals(0.5, e1.emaDice(), 1e-12);
        assertTrue(e1.best());
        EpochRecord e2 = h.record(2, 0.8, 0.9, 0.3, 0.01, 1);
        assertEquals(0.9 * 0.5 + 0.1 * 0.3, e2.emaDice(), 1e-12);
        assertFalse(e2.best());
        EpochRecord e3 = h.record(3, 0.7, 0.8, Double.NaN, 0.01, 1);
        assertEquals(e2.emaDice(), e3.emaDice(), 0.0, "an undefined Dice leaves the average");
        EpochRecord e4 = h.record(4, 0.6, 0.7, 0.9, 0.01, 1);
        assertEquals(0.9 * e3.emaDice() + 0.1 * 0.9, e4.emaDice(), 1e-12);
        assertTrue(e4.best(), "0.522 beats 0.5");
        assertEquals(4, h.bestEpoch());
        assertEquals(e4.emaDice(), h.bestEma(), 0.0);
        TrainingHistory restored = TrainingHistory.of(0.9, h.epochs());
        assertEquals(List.copyOf(h.epochs()), List.copyOf(restored.epochs()));
        assertEquals(4, restored.bestEpoch());
    }

    @Test
    void polyScheduleFollowsTheFormula() {
        PolySchedule poly = new PolySchedule(0.01, 1000, 0.9);
        assertEquals(0.01, poly.learningRate(0), 0.0);
        assertEquals(0.01 * Math.pow(0.5, 0.9), poly.learningRate(500), 1e-15);
        assertEquals(0.005359, poly.learningRate(500), 1e-6);
        assertEquals(0.01 * Math.pow(0.001, 0.9), poly.learningRate(999), 1e-15);
        assertEquals(0.0, poly.learningRate(1000), 0.0);
        assertTrue(poly.learningRate(10) < poly.learningRate(9));
    }
}
