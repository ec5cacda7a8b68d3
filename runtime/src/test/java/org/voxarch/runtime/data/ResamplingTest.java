package org.voxarch.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.voxarch.runtime.data.Resampling.Order;

class ResamplingTest {
    private static float[] rampX(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    @Test
    void equalShapesReturnTheInput() {
        float[] v = rampX(4);
        assertSame(v, Resampling.resize(v, new int[] {1, 1, 4}, new int[] {1, 1, 4}, Order.CUBIC));
    }

    @Test
    void linearUpsamplingAlignsPixelCentresAndHoldsTheEdge() {
        // Output j samples (j + 0.5)·4/8 − 0.5: −0.25, 0.25, ..., 3.25; beyond the edge the edge value.
        float[] out = Resampling.resize(rampX(4), new int[] {1, 1, 4}, new int[] {1, 1, 8}, Order.LINEAR);
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1.25f, 1.75f, 2.25f, 2.75f, 3}, out, 1e-6f);
    }

    @Test
    void nearestDownsamplingPicksTheCentreVoxel() {
        float[] out = Resampling.resize(new float[] {10, 11, 12, 13}, new int[] {4, 1, 1}, new int[] {2, 1, 1},
                Order.NEAREST);
        assertArrayEquals(new float[] {11, 13}, out); // coordinates 0.5 and 2.5 round up
    }

    @Test
    void cubicInterpolatesSamplesAndReproducesQuadratics() {
        int n = 12;
        float[] q = new float[n];
        for (int i = 0; i < n; i++) {
            q[i] = i * i;
        }
        float[] out = Resampling.resize(q, new int[] {1, n, 1}, new int[] {1, 3 * n, 1}, Order.CUBIC);
        for (int j = 0; j < 3 * n; j++) {
            double x = (j + 0.5) / 3 - 0.5;
            if (j % 3 == 1) {
                assertEquals(q[j / 3], out[j], 1e-4, "output " + j + " sits on input sample " + j / 3);
            }
            if (x >= 1 && x <= n - 2) {
                assertEquals(x * x, out[j], 1e-3, "Keys' kernel is exact for quadratics, at x = " + x);
            }
        }
    }

    @Test
    void kernelWeightsSumToOneAndReproduceTheSamples() {
        for (Order order : Order.values()) {
            double[] w = new double[order.taps()];
            for (int k = -20; k <= 20; k++) {
                double p = 3 + k / 8.0;
                order.weights(p, w);
                double sum = 0;
                for (double v : w) {
                    sum += v;
                }
                assertEquals(1.0, sum, 1e-12, order + " at " + p);
                if (k % 8 == 0) {
                    for (int t = 0; t < w.length; t++) {
                        double expected = order.first(p) + t == (int) p ? 1 : 0;
                        assertEquals(expected, w[t], 1e-12, order + " tap " + t + " at sample " + p);
                    }
                }
            }
        }
    }

    @Test
    void axesResampleIndependently() {
        float[] v = new float[2 * 2 * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        float[] out = Resampling.resize(v, new int[] {2, 2, 2}, new int[] {4, 2, 2},
                new Order[] {Order.NEAREST, Order.LINEAR, Order.LINEAR});
        // z doubled by nearest: each slice repeated, values untouched.
        assertArrayEquals(new float[] {0, 1, 2, 3, 0, 1, 2, 3, 4, 5, 6, 7, 4, 5, 6, 7}, out);
    }

    @Test
    void labelsResampleThroughTheirIndicators() {
        Resampling.Order[] linear = {Order.LINEAR, Order.LINEAR, Order.LINEAR};
        // Along x only: indicator of 1 becomes [1, 1, 1, .75, .25, 0, 0, 0], of 2 its mirror; ≥ 0.5 wins.
        byte[] row = {1, 1, 2, 2};
        assertArrayEquals(new byte[] {1, 1, 1, 1, 2, 2, 2, 2},
                Resampling.resizeLabels(row, new int[] {1, 1, 4}, new int[] {1, 1, 8}, linear));

        // nnU-Net's rule loses a lone voxel when upsampling by 2 in 3-D: its indicator peaks at 0.75³ ≈ 0.42 < 0.5,
        // and where the surrounding label's indicator also drops below 0.5 the voxel becomes background.
        int[] shape = {4, 4, 4};
        byte[] labels = new byte[64];
        for (int i = 0; i < 64; i++) {
            labels[i] = (byte) (i % 4 < 2 ? 1 : 0);
        }
        labels[(1 * 4 + 1) * 4 + 1] = (byte) 200;
        byte[] up = Resampling.resizeLabels(labels, shape, new int[] {8, 8, 8}, linear);
        int ones = 0;
        int big = 0;
        for (byte b : up) {
            ones += b == 1 ? 1 : 0;
            big += (b & 0xFF) == 200 ? 1 : 0;
        }
        assertEquals(0, big);
        assertEquals(8 * 8 * 4 - 4, ones, "at x = 3, y, z ∈ {2, 3}: 0.75 − 0.75³ < 0.5");
        assertArrayEquals(labels, Resampling.resizeLabels(labels, shape, shape, linear));
    }

    @Test
    void anisotropicSpacingGetsOrderZeroAlongItsCoarseAxis() {
        assertEquals(0, Resampling.lowResolutionAxis(new double[] {5, 0.8, 0.8}, new double[] {1, 1, 1}));
        assertEquals(-1, Resampling.lowResolutionAxis(new double[] {3, 1, 1}, new double[] {3, 1, 1}),
                "a ratio of exactly 3 is not anisotropic");
        assertEquals(2, Resampling.lowResolutionAxis(new double[] {1, 1, 1}, new double[] {1, 1, 3.5}),
                "the target's coarse axis when the source is isotropic");
        assertEquals(-1, Resampling.lowResolutionAxis(new double[] {0.24, 1.25, 1.25}, new double[] {1, 1, 1}),
                "two coarse axes: no separate axis");
        assertArrayEquals(new Order[] {Order.NEAREST, Order.CUBIC, Order.CUBIC},
                Resampling.axisOrders(new double[] {5, 0.8, 0.8}, new double[] {2.5, 0.8, 0.8}, Order.CUBIC));
        assertArrayEquals(new int[] {20, 26, 51}, Resampling.shapeForSpacing(new int[] {10, 40, 64},
                new double[] {5, 0.8, 0.8}, new double[] {2.5, 1.25, 1.0}));
    }

    @Test
    void toSpacingKeepsSlicesWhenTheCoarseAxisIsRefined() {
        float[] v = new float[3 * 4 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i);
        }
        Volume in = new Volume(v, new int[] {3, 4, 4}, new double[] {5, 1, 1}, null);
        Volume out = Resampling.toSpacing(in, new double[] {2.5, 1, 1}, Order.CUBIC);
        assertArrayEquals(new int[] {6, 4, 4}, out.shape());
        assertArrayEquals(new double[] {2.5, 1, 1}, out.spacing());
        for (int z = 0; z < 6; z++) {
            for (int i = 0; i < 16; i++) {
                assertEquals(v[(z / 2) * 16 + i], out.data()[z * 16 + i], "slice " + z + " is input slice " + z / 2);
            }
        }
        Volume shaped = Resampling.toShape(in, new int[] {3, 8, 8}, Order.LINEAR);
        assertArrayEquals(new double[] {5, 0.5, 0.5}, shaped.spacing());
        assertTrue(shaped.voxels() == 3 * 64);
    }
}
