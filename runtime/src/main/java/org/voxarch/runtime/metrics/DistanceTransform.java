package org.voxarch.runtime.metrics;

import java.util.stream.IntStream;

/**
 * Exact Euclidean distance transform with anisotropic spacing (Felzenszwalb &amp; Huttenlocher, "Distance Transforms
 * of Sampled Functions", 2012): squared distances are computed one axis at a time, each pass taking the lower
 * envelope of the parabolas {@code f(q) + (w·(p − q))²} rooted at the samples of the previous pass.
 */
final class DistanceTransform {
    private static final double INF = Double.POSITIVE_INFINITY;

    private DistanceTransform() {
    }

    /**
     * @param feature which voxels are features, row-major on {@code shape} (z, y, x)
     * @param spacing (z, y, x) distance between neighbours along each axis
     * @return the squared distance from every voxel to the nearest feature voxel (infinite if there is none)
     */
    static double[] squared(boolean[] feature, int[] shape, double[] spacing) {
        double[] d = new double[feature.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = feature[i] ? 0 : INF;
        }
        for (int axis = 2; axis >= 0; axis--) {
            pass(d, shape, axis, spacing[axis] * spacing[axis]);
        }
        return d;
    }

    /** Transforms every line along {@code axis} in place, z-slabs (or, along z, y-rows) in parallel. */
    private static void pass(double[] d, int[] shape, int axis, double w2) {
        int n = shape[axis];
        int plane = shape[1] * shape[2];
        boolean parallel = d.length > 1 << 16;
        if (axis == 0) {
            IntStream rows = IntStream.range(0, shape[1]);
            (parallel ? rows.parallel() : rows).forEach(y -> {
                Scratch s = new Scratch(n);
                for (int x = 0; x < shape[2]; x++) {
                    line(d, y * shape[2] + x, plane, n, w2, s);
                }
            });
            return;
        }
        IntStream slabs = IntStream.range(0, shape[0]);
        (parallel ? slabs.parallel() : slabs).forEach(z -> {
            Scratch s = new Scratch(n);
            if (axis == 2) {
                for (int y = 0; y < shape[1]; y++) {
                    line(d, z * plane + y * shape[2], 1, n, w2, s);
                }
            } else {
                for (int x = 0; x < shape[2]; x++) {
                    line(d, z * plane + x, shape[2], n, w2, s);
                }
            }
        });
    }

    /** Work arrays for one line, reused along a slab. */
    private static final class Scratch {
        final double[] f;
        final double[] z;
        final int[] v;

        Scratch(int n) {
            f = new double[n];
            z = new double[n + 1];
            v = new int[n];
        }
    }

    private static void line(double[] d, int start, int stride, int n, double w2, Scratch s) {
        double[] f = s.f;
        for (int q = 0; q < n; q++) {
            f[q] = d[start + q * stride];
        }
        int k = -1;
        int[] v = s.v;
        double[] z = s.z;
        for (int q = 0; q < n; q++) {
            if (f[q] == INF) {
                continue;
            }
            double boundary = -INF;
            while (k >= 0) {
                int p = v[k];
                boundary = ((f[q] + w2 * q * q) - (f[p] + w2 * (double) p * p)) / (2 * w2 * (q - p));
                if (boundary > z[k]) {
                    break;
                }
                k--;
            }
            k++;
            v[k] = q;
            z[k] = k == 0 ? -INF : boundary;
            z[k + 1] = INF;
        }
        if (k < 0) {
            return; // no finite sample: the line stays infinite
        }
        int j = 0;
        for (int q = 0; q < n; q++) {
            while (z[j + 1] < q) {
                j++;
            }
            double dq = q - v[j];
            d[start + q * stride] = w2 * dq * dq + f[v[j]];
        }
    }
}
