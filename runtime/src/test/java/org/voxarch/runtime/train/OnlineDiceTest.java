package org.voxarch.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.TestTensors;

class OnlineDiceTest {

    /** Logits [1, C, 1, 1, N] that predict {@code predicted[i]} at voxel i. */
    private static Tensor logits(int classes, int... predicted) {
        float[] v = new float[classes * predicted.length];
        for (int i = 0; i < predicted.length; i++) {
            v[predicted[i] * predicted.length + i] = 5;
        }
        return TestTensors.tensor(v, 1, classes, 1, 1, predicted.length);
    }

    private static Tensor target(int... classes) {
        float[] v = new float[classes.length];
        for (int i = 0; i < classes.length; i++) {
            v[i] = classes[i];
        }
        return TestTensors.tensor(v, 1, 1, 1, classes.length).to(ScalarType.Long);
    }

    @Test
    void globalDiceSumsCountsOverBatchesBeforeDividing() {
        OnlineDice dice = new OnlineDice(4, null);
        // Batch 1: class 1 TP 2, FN 1; class 2 FP 1.
        dice.add(logits(4, 1, 1, 0, 2), target(1, 1, 1, 0));
        // Batch 2: class 1 FP 1; class 2 TP 1.
        dice.add(logits(4, 1, 2, 0, 0), target(0, 2, 0, 0));
        double[] perClass = dice.perClass();
        assertEquals(2.0 * 2 / (2 * 2 + 1 + 1), perClass[1], 1e-12);
        assertEquals(2.0 * 1 / (2 * 1 + 1 + 0), perClass[2], 1e-12);
        assertTrue(Double.isNaN(perClass[3]), "class 3 never predicted nor present");
        assertEquals((perClass[1] + perClass[2]) / 2, dice.globalForegroundDice(), 1e-12);
    }

    @Test
    void onlyTheEvaluatedClassesCount() {
        OnlineDice dice = new OnlineDice(4, new int[] {2, 3});
        dice.add(logits(4, 1, 2, 3, 3), target(1, 2, 2, 0));
        // class 2: TP 1, FN 1 -> 2/3; class 3: FP 2 -> 0; class 1 (perfect) is not evaluated.
        assertEquals((2.0 / 3 + 0) / 2, dice.globalForegroundDice(), 1e-12);
        assertTrue(Double.isNaN(new OnlineDice(3, null).globalForegroundDice()), "nothing added");
        assertThrows(IllegalArgumentException.class, () -> new OnlineDice(3, new int[] {0}));
    }
}
