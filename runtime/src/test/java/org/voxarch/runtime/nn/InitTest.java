package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.empty;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.TestTensors;

class InitTest {

    /** Linear "E" shared as "F"; E is registered as a child inside "proj". */
    static final class Net extends ArchModule {
        Net() {
            super("Net");
            Sequential proj = registerChild("proj", new Sequential(new Linear(4, 4, true), new LeakyReLU(0.1)));
            registerChild("norm", new LayerNorm(4, 1e-5));
            registerAlias("alias", (Linear) proj.get(0));
            registerChild("head", new Linear(4, 2, false));
        }
    }

    @Test
    void forEachVisitsDepthFirstInRegistrationOrderOnceWithoutFollowingAliases() {
        Net net = new Net();
        List<String> visited = new ArrayList<>();
        Init.forEach(net, ArchModule.class, m -> visited.add(m.typeName()));
        assertEquals(List.of("Net", "Sequential", "Linear", "LeakyReLU", "LayerNorm", "Linear"), visited);

        List<Linear> linears = new ArrayList<>();
        Init.forEach(net, Linear.class, linears::add);
        assertEquals(2, linears.size());
        linears.forEach(l -> {
            Init.truncNormal(l.weight(), 0.02);
            if (l.bias() != null) {
                Init.zeros(l.bias());
            }
        });
        assertTrue(linears.get(0).weight().requires_grad(), "initialisers keep parameters trainable");
        assertArrayEquals(new float[4], TestTensors.floats(linears.get(0).bias()));
    }

    @Test
    void initialisersProduceTheRequestedDistributions() {
        manual_seed(5);
        Tensor t = empty(100_000);
        Init.truncNormal(t, 0.02);
        float[] v = TestTensors.floats(t);
        double sum = 0;
        double sq = 0;
        for (float f : v) {
            sum += f;
            sq += f * f;
            assertTrue(Math.abs(f) <= 2.0);
        }
        assertEquals(0.0, sum / v.length, 1e-3);
        assertEquals(0.02, Math.sqrt(sq / v.length), 1e-3);

        Init.truncNormal(t, 10.0);
        assertTrue(TestTensors.maxAbs(t) <= 2.0, "truncation is at absolute ±2");

        Init.kaimingUniformDefault(t, 16);
        double max = TestTensors.maxAbs(t);
        assertTrue(max <= 0.25 && max > 0.249, "U(±1/√16): max " + max);

        Init.uniform(t, 2, 3);
        for (float f : TestTensors.floats(t)) {
            assertTrue(f >= 2 && f < 3);
        }
        Init.constant(t, 1.5);
        assertEquals(1.5 * 100_000, t.sum().item_double(), 1e-6);
        Init.ones(t);
        assertEquals(100_000, t.sum().item_double(), 1e-6);
        Init.normal(t, 5.0, 0.0);
        assertEquals(5.0, TestTensors.floats(t)[123], 0.0);
    }
}
