package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.TestTensors;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.StateEntry;

class PrimitivesTest {

    private static List<String> keys(ArchModule m) {
        return StateDict.entries(m).stream().map(StateEntry::key).toList();
    }

    /** Every value within ±1/√fanIn (a trainable parameter). */
    private static void assertWithinBound(Tensor t, long fanIn) {
        double max = TestTensors.maxAbs(t);
        assertTrue(max <= 1.0 / Math.sqrt(fanIn), "max " + max + " exceeds 1/sqrt(" + fanIn + ")");
        assertTrue(t.requires_grad());
    }

    /** Within the bound, and with hundreds of draws the largest is near it (so the bound is not a smaller one). */
    private static void assertDefaultInit(Tensor t, long fanIn) {
        assertWithinBound(t, fanIn);
        double max = TestTensors.maxAbs(t);
        assertTrue(max > 0.8 / Math.sqrt(fanIn), "max " + max + " far below 1/sqrt(" + fanIn + "): wrong fan-in?");
    }

    @Test
    void conv3dHasPytorchShapesInitAndArithmetic() {
        manual_seed(1);
        Conv3d conv = new Conv3d(4, 8, new long[] {3, 3, 3}, new long[] {2, 2, 2}, new long[] {1, 1, 1}, true);
        assertEquals(List.of("weight", "bias"), keys(conv));
        assertArrayEquals(new long[] {8, 4, 3, 3, 3}, Ops.shape(conv.weight()));
        assertDefaultInit(conv.weight(), 4 * 27);
        assertWithinBound(conv.bias(), 4 * 27);

        Tensor x = randn(1, 4, 5, 6, 7);
        Tensor y = conv.forward(x);
        assertArrayEquals(new long[] {1, 8, 3, 3, 4}, Ops.shape(y));
        float[] xs = TestTensors.floats(x);
        float[] w = TestTensors.floats(conv.weight());
        float[] b = TestTensors.floats(conv.bias());
        float[] ys = TestTensors.floats(y);
        // output (o=5, z=1, y=2, x=3) reads input window starting at z*2-1, y*2-1, x*2-1
        double expected = b[5];
        for (int i = 0; i < 4; i++) {
            for (int kz = 0; kz < 3; kz++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        int z = 1 * 2 - 1 + kz;
                        int yy = 2 * 2 - 1 + ky;
                        int xx = 3 * 2 - 1 + kx;
                        if (z < 0 || z >= 5 || yy < 0 || yy >= 6 || xx < 0 || xx >= 7) {
                            continue;
                        }
                        expected += (double) xs[((i * 5 + z) * 6 + yy) * 7 + xx] * w[(((5 * 4 + i) * 3 + kz) * 3 + ky) * 3 + kx];
                    }
                }
            }
        }
        assertEquals(expected, ys[((5 * 3 + 1) * 3 + 2) * 4 + 3], 1e-4);

        Conv3d noBias = new Conv3d(2, 2, new long[] {1, 1, 1}, new long[] {1, 1, 1}, new long[] {0, 0, 0}, false);
        assertNull(noBias.bias());
        assertEquals(List.of("weight"), keys(noBias));
        assertThrows(IllegalArgumentException.class,
                () -> new Conv3d(2, 2, new long[] {3, 3}, new long[] {1, 1, 1}, new long[] {0, 0, 0}, false));
    }

    @Test
    void convTranspose3dUsesInOutLayoutAndFanInFromAxisOne() {
        manual_seed(2);
        ConvTranspose3d up = new ConvTranspose3d(16, 4, new long[] {2, 2, 2}, new long[] {2, 2, 2}, true);
        assertArrayEquals(new long[] {16, 4, 2, 2, 2}, Ops.shape(up.weight()));
        assertDefaultInit(up.weight(), 4 * 8);
        assertWithinBound(up.bias(), 4 * 8);

        Tensor x = randn(1, 16, 2, 3, 3);
        Tensor y = up.forward(x);
        assertArrayEquals(new long[] {1, 4, 4, 6, 6}, Ops.shape(y));
        // kernel = stride: output voxel (z, y, x) comes from input (z/2, y/2, x/2) and kernel tap (z%2, y%2, x%2)
        float[] xs = TestTensors.floats(x);
        float[] w = TestTensors.floats(up.weight());
        float[] b = TestTensors.floats(up.bias());
        float[] ys = TestTensors.floats(y);
        int o = 3;
        int z = 3;
        int yy = 4;
        int xx = 1;
        double expected = b[o];
        for (int i = 0; i < 16; i++) {
            expected += (double) xs[((i * 2 + z / 2) * 3 + yy / 2) * 3 + xx / 2]
                    * w[(((i * 4 + o) * 2 + z % 2) * 2 + yy % 2) * 2 + xx % 2];
        }
        assertEquals(expected, ys[((o * 4 + z) * 6 + yy) * 6 + xx], 1e-4);
    }

    @Test
    void linearComputesXWTransposePlusB() {
        manual_seed(3);
        Linear fc = new Linear(5, 3, true);
        assertArrayEquals(new long[] {3, 5}, Ops.shape(fc.weight()));
        assertWithinBound(fc.weight(), 5);
        Tensor x = randn(2, 7, 5);
        Tensor y = fc.forward(x);
        assertArrayEquals(new long[] {2, 7, 3}, Ops.shape(y));
        float[] xs = TestTensors.floats(x);
        float[] w = TestTensors.floats(fc.weight());
        double expected = TestTensors.floats(fc.bias())[2];
        int row = 9; // batch 1, token 2
        for (int k = 0; k < 5; k++) {
            expected += (double) xs[row * 5 + k] * w[2 * 5 + k];
        }
        assertEquals(expected, TestTensors.floats(y)[row * 3 + 2], 1e-5);
    }

    @Test
    void layerNormAndGroupNormNormaliseTheRightAxes() {
        manual_seed(4);
        LayerNorm ln = new LayerNorm(6, 1e-5);
        assertEquals(List.of("weight", "bias"), keys(ln));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, TestTensors.floats(ln.weight()));
        float[] y = TestTensors.floats(ln.forward(randn(4, 6).mul(new Scalar(5.0))));
        for (int r = 0; r < 4; r++) {
            double mean = 0;
            for (int k = 0; k < 6; k++) {
                mean += y[r * 6 + k];
            }
            assertEquals(0.0, mean / 6, 1e-5, "row " + r);
        }

        GroupNorm gn = new GroupNorm(2, 4, 1e-5);
        float[] g = TestTensors.floats(gn.forward(randn(1, 4, 2, 2, 2).add(new Scalar(3.0))));
        for (int group = 0; group < 2; group++) {
            double mean = 0;
            for (int k = 0; k < 16; k++) {
                mean += g[group * 16 + k];
            }
            assertEquals(0.0, mean / 16, 1e-5, "group " + group);
        }
        assertThrows(IllegalArgumentException.class, () -> new GroupNorm(3, 4, 1e-5));
    }

    @Test
    void sequentialAndModuleListNameChildrenByIndex() {
        Sequential seq = new Sequential(new Linear(2, 3, false), new LeakyReLU(0.1)).add(new Linear(3, 1, true));
        assertEquals(List.of("0.weight", "2.weight", "2.bias"), keys(seq));
        assertArrayEquals(new long[] {5, 1}, Ops.shape(seq.forward(randn(5, 2))));
        assertEquals(3, seq.size());

        ModuleList<Linear> list = new ModuleList<Linear>().add(new Linear(1, 1, false)).add(new Linear(1, 2, false));
        assertEquals(2, list.size());
        assertArrayEquals(new long[] {2, 1}, Ops.shape(list.get(1).weight()));
        assertEquals(List.of("0.weight", "1.weight"), keys(list));
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(2));
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        Sequential seq = new Sequential(new Sequential(new Dropout(0.5)));
        Dropout inner = (Dropout) ((Sequential) seq.get(0)).get(0);
        seq.eval();
        assertFalse(inner.isTraining());
        seq.train(true);
        assertTrue(inner.isTraining());
    }
}
