package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.arange;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.TestTensors;

class OpsTest {

    @Test
    void tokensAreVoxelsInRowMajorOrder() {
        long b = 2;
        long c = 3;
        long z = 2;
        long y = 3;
        long x = 4;
        Tensor grid = arange(new Scalar(b * c * z * y * x)).to(ScalarType.Float).reshape(b, c, z, y, x);
        Tensor tokens = Ops.toTokens(grid);
        assertArrayEquals(new long[] {b, z * y * x, c}, Ops.shape(tokens));
        float[] g = TestTensors.floats(grid);
        float[] t = TestTensors.floats(tokens);
        // batch 1, voxel (1, 2, 3) is token (1·3 + 2)·4 + 3 = 23; channel 2
        int token = (1 * 3 + 2) * 4 + 3;
        assertEquals(g[(int) ((((1 * c + 2) * z + 1) * y + 2) * x + 3)], t[(int) ((1 * z * y * x + token) * c + 2)]);
        assertTrue(Ops.toGrid(tokens, grid).equal(grid), "toGrid inverts toTokens");
    }

    @Test
    void normalizeDividesByTheL2NormWithAFloor() {
        Tensor v = TestTensors.tensor(new float[] {3, 4, 0, 0}, 2, 2);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 0}, TestTensors.floats(Ops.normalize(v, -1)), 1e-7f);
    }

    @Test
    void scalarFirstOverloadsKeepOperandOrder() {
        Tensor a = TestTensors.tensor(new float[] {1, 2, 4}, 3);
        assertArrayEquals(new float[] {9, 8, 6}, TestTensors.floats(Ops.sub(10, a)));
        assertArrayEquals(new float[] {-9, -8, -6}, TestTensors.floats(Ops.sub(a, 10)));
        assertArrayEquals(new float[] {2, 1, 0.5f}, TestTensors.floats(Ops.div(2, a)));
        assertArrayEquals(new float[] {0.5f, 1, 2}, TestTensors.floats(Ops.div(a, 2)));
        assertArrayEquals(new float[] {3, 6, 12}, TestTensors.floats(Ops.mul(3, a)));
        assertArrayEquals(new float[] {2, 3, 5}, TestTensors.floats(Ops.add(1, a)));
        assertEquals(ScalarType.Float, Ops.mul(a, 0.5).scalar_type().intern());
        Tensor s = Ops.scalar(0.25);
        assertEquals(ScalarType.Float, s.scalar_type().intern());
        assertEquals(0, s.dim());
        assertArrayEquals(new float[] {0.25f, 0.5f, 1}, TestTensors.floats(Ops.mul(s, a)));
    }

    @Test
    void catAndUnbindAreInverse() {
        Tensor a = randn(2, 3);
        Tensor b = randn(2, 3);
        Tensor both = Ops.cat(0, a, b);
        assertArrayEquals(new long[] {4, 3}, Ops.shape(both));
        Tensor[] parts = Ops.unbind(Ops.reshape(both, 2, 2, 3), 0);
        assertEquals(2, parts.length);
        assertTrue(parts[0].equal(a) && parts[1].equal(b));
        assertArrayEquals(new long[] {3, 2}, Ops.shape(Ops.transpose(a, 0, 1)));
        assertArrayEquals(new long[] {2, 2, 3}, Ops.shape(Ops.flatten(randn(2, 2, 3), 1).reshape(2, 2, 3)));
        assertArrayEquals(new long[] {2, 6}, Ops.shape(Ops.flatten(randn(2, 2, 3), 1)));
    }

    @Test
    void activationsMatchTheirDefinitions() {
        Tensor x = TestTensors.tensor(new float[] {-2, 0, 3}, 3);
        assertArrayEquals(new float[] {-0.02f, 0, 3}, TestTensors.floats(Ops.leakyRelu(x, 0.01)), 1e-7f);
        assertArrayEquals(new float[] {0, 0, 3}, TestTensors.floats(Ops.relu(x)));
        assertArrayEquals(new float[] {(float) (1 / (1 + Math.exp(2))), 0.5f, (float) (1 / (1 + Math.exp(-3)))},
                TestTensors.floats(Ops.sigmoid(x)), 1e-6f);
        // exact GELU: x·Φ(x); Φ(-2) = 0.0227501, Φ(3) = 0.9986501
        assertArrayEquals(new float[] {-2 * 0.0227501f, 0, 3 * 0.9986501f}, TestTensors.floats(Ops.gelu(x)), 1e-5f);
        Tensor sm = Ops.softmax(x, 0);
        assertEquals(1.0, sm.sum().item_double(), 1e-6);
        Tensor m = randn(2, 3, 4);
        assertArrayEquals(new long[] {2, 3, 3}, Ops.shape(Ops.matmul(m, Ops.permute(m, 0, 2, 1))));
    }
}
