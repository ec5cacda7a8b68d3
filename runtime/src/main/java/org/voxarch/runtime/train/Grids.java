package org.voxarch.runtime.train;

/**
 * Array operations on row-major (z, y, x) grids shared by the augmentations: flips, separable filtering,
 * statistics. (Resizing is {@link org.voxarch.runtime.data.Resampling}'s.)
 */
final class Grids {
    private Grids() {
    }

    /** Reverses a float grid along {@code axis} (0 = z, 1 = y, 2 = x), in place. */
    static void flip(float[] a, int[] shape, int axis) {
        int[] s = strides(shape);
        int n = shape[axis];
        forEachLine(shape, axis, start -> {
            for (int i = 0, j = n - 1; i < j; i++, j--) {
                int p = start + i * s[axis];
                int q = start + j * s[axis];
                float t = a[p];
                a[p] = a[q];
                a[q] = t;
            }
        });
    }

    /** Reverses a byte grid along {@code axis}, in place. */
    static void flip(byte[] a, int[] shape, int axis) {
        int[] s = strides(shape);
        int n = shape[axis];
        forEachLine(shape, axis, start -> {
            for (int i = 0, j = n - 1; i < j; i++, j--) {
                int p = start + i * s[axis];
                int q = start + j * s[axis];
                byte t = a[p];
                a[p] = a[q];
                a[q] = t;
            }
        });
    }

    /**
     * Gaussian smoothing with the same σ on every axis, the kernel cut at 4σ, borders mirrored ("d c b a | a b c
     * d"), as scipy's {@code gaussian_filter} with its defaults.
     */
    static void gaussianBlur(float[] a, int[] shape, double sigma) {
        int radius = (int) (4.0 * sigma + 0.5);
        double[] kernel = new double[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            total += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= total;
        }
        int[] s = strides(shape);
        for (int axis = 0; axis < 3; axis++) {
            int n = shape[axis];
            int stride = s[axis];
            int[] mirrored = new int[n + 2 * radius];
            for (int i = -radius; i < n + radius; i++) {
                mirrored[i + radius] = mirror(i, n);
            }
            double[] line = new double[n];
            forEachLine(shape, axis, start -> {
                for (int i = 0; i < n; i++) {
                    double v = 0;
                    for (int k = 0; k < kernel.length; k++) {
                        v += kernel[k] * a[start + mirrored[i + k] * stride];
                    }
                    line[i] = v;
                }
                for (int i = 0; i < n; i++) {
                    a[start + i * stride] = (float) line[i];
                }
            });
        }
    }

    /** Index {@code i} reflected into [0, n) with the edge voxel repeated (scipy's "reflect"). */
    private static int mirror(int i, int n) {
        int period = 2 * n;
        int r = Math.floorMod(i, period);
        return r < n ? r : period - 1 - r;
    }

    /** @return mean and population standard deviation (numpy's {@code std}) */
    static double[] meanAndStd(float[] a) {
        double sum = 0;
        for (float v : a) {
            sum += v;
        }
        double mean = sum / a.length;
        double squares = 0;
        for (float v : a) {
            double d = v - mean;
            squares += d * d;
        }
        return new double[] {mean, Math.sqrt(squares / a.length)};
    }

    /** @return {min, max} */
    static float[] range(float[] a) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : a) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new float[] {lo, hi};
    }

    static int[] strides(int[] shape) {
        return new int[] {shape[1] * shape[2], shape[2], 1};
    }

    /** A consumer of the flat index where one line along an axis starts. */
    @FunctionalInterface
    private interface LineStart {
        void accept(int start);
    }

    /** Calls {@code action} with the start of every line along {@code axis}. */
    private static void forEachLine(int[] shape, int axis, LineStart action) {
        int[] s = strides(shape);
        int a = axis == 0 ? 1 : 0;
        int b = axis == 2 ? 1 : 2;
        for (int i = 0; i < shape[a]; i++) {
            for (int j = 0; j < shape[b]; j++) {
                action.accept(i * s[a] + j * s[b]);
            }
        }
    }
}
