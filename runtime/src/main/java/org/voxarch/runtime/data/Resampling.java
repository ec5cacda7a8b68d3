package org.voxarch.runtime.data;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Resizes 3-D grids, one axis at a time (every kernel here is separable), with pixel centres aligned the way
 * scikit-image's {@code resize} and nnU-Net do: output voxel j samples input coordinate
 * {@code (j + 0.5) · n_in / n_out − 0.5}, and coordinates beyond the edge take the edge value. No anti-aliasing.
 *
 * <p>Orders: {@link Order#NEAREST} (0), {@link Order#LINEAR} (1) and {@link Order#CUBIC} (3). Cubic is
 * <b>Keys cubic convolution (a = −0.5, Catmull–Rom)</b>, an interpolating kernel, rather than the prefiltered cubic
 * B-spline of scipy/scikit-image: both are third order and reproduce the samples at integer positions; on smooth
 * images they differ by a small fraction of the local contrast.
 *
 * <p>Each axis may have its own order; nnU-Net's handling of anisotropic data (in-plane third order, the
 * low-resolution axis separately with order 0) is {@link #axisOrders}.
 */
public final class Resampling {
    /** nnU-Net's threshold: an axis whose spacing exceeds 3× the finest is resampled on its own. */
    public static final double ANISOTROPY_THRESHOLD = 3.0;
    /** Work below this many output values is not worth spreading over threads. */
    private static final long PARALLEL_THRESHOLD = 1 << 18;

    /**
     * Interpolation order, and its one-axis kernel: the 3-D kernels are products of these. Used for whole-grid
     * resizing here and for sampling at arbitrary positions by the training augmentations.
     */
    public enum Order {
        /** Order 0: the nearest voxel. */
        NEAREST(1),
        /** Order 1: linear between the two neighbours. */
        LINEAR(2),
        /** Order 3: Keys cubic convolution over four neighbours. */
        CUBIC(4);

        private static final double KEYS_A = -0.5;

        private final int taps;

        Order(int taps) {
            this.taps = taps;
        }

        /** @return how many neighbours per axis contribute */
        public int taps() {
            return taps;
        }

        /** @return the first contributing neighbour for position {@code p}: taps are {@code first, first+1, ...} */
        public int first(double p) {
            return switch (this) {
                case NEAREST -> (int) Math.floor(p + 0.5);
                case LINEAR -> (int) Math.floor(p);
                case CUBIC -> (int) Math.floor(p) - 1;
            };
        }

        /** Writes the weights of the taps starting at {@link #first(double)} into {@code out[0..taps)}; they sum to 1. */
        public void weights(double p, double[] out) {
            double f = p - Math.floor(p);
            switch (this) {
                case NEAREST -> out[0] = 1.0;
                case LINEAR -> {
                    out[0] = 1.0 - f;
                    out[1] = f;
                }
                case CUBIC -> {
                    out[0] = keys(1.0 + f);
                    out[1] = keys(f);
                    out[2] = keys(1.0 - f);
                    out[3] = keys(2.0 - f);
                }
                default -> throw new AssertionError(this);
            }
        }

        /** Keys' cubic convolution kernel with a = −0.5 at distance {@code d} (0 ≤ d ≤ 2). */
        private static double keys(double d) {
            double a = KEYS_A;
            if (d <= 1.0) {
                return ((a + 2.0) * d - (a + 3.0)) * d * d + 1.0;
            }
            return ((a * d - 5.0 * a) * d + 8.0 * a) * d - 4.0 * a;
        }
    }

    private Resampling() {
    }

    /** @return {@code data} on grid {@code shape} resized to {@code newShape} with one order for every axis */
    public static float[] resize(float[] data, int[] shape, int[] newShape, Order order) {
        return resize(data, shape, newShape, new Order[] {order, order, order});
    }

    /**
     * @param data     row-major (z, y, x) values on {@code shape}
     * @param orders   the order per axis (z, y, x)
     * @return the values on {@code newShape}; {@code data} itself when the shapes are equal
     */
    public static float[] resize(float[] data, int[] shape, int[] newShape, Order[] orders) {
        checkShapes(data.length, shape, newShape);
        float[] current = data;
        int[] currentShape = shape.clone();
        // x first, then y, then z: the passes along contiguous memory run while the arrays are small or large
        // alike, and the order does not change the result (the kernels are separable).
        for (int axis = 2; axis >= 0; axis--) {
            if (currentShape[axis] != newShape[axis]) {
                current = resizeAxis(current, currentShape, axis, newShape[axis], orders[axis]);
                currentShape[axis] = newShape[axis];
            }
        }
        return current;
    }

    /**
     * Resizes a label map nnU-Net's way: each foreground label in ascending order is resized as a 0/1 indicator
     * with the given orders (linear in-plane is nnU-Net's choice), and voxels where it reaches 0.5 take that label,
     * later labels overwriting earlier ones; everything else is 0.
     *
     * @param labels unsigned label values, row-major (z, y, x)
     */
    public static byte[] resizeLabels(byte[] labels, int[] shape, int[] newShape, Order[] orders) {
        checkShapes(labels.length, shape, newShape);
        if (Arrays.equals(shape, newShape)) {
            return labels.clone();
        }
        boolean[] present = new boolean[256];
        for (byte b : labels) {
            present[b & 0xFF] = true;
        }
        int n = newShape[0] * newShape[1] * newShape[2];
        byte[] out = new byte[n];
        float[] indicator = new float[labels.length];
        for (int label = 1; label < 256; label++) {
            if (!present[label]) {
                continue;
            }
            for (int i = 0; i < labels.length; i++) {
                indicator[i] = (labels[i] & 0xFF) == label ? 1f : 0f;
            }
            float[] resized = resize(indicator, shape, newShape, orders);
            for (int i = 0; i < n; i++) {
                if (resized[i] >= 0.5f) {
                    out[i] = (byte) label;
                }
            }
        }
        return out;
    }

    /** @return the grid size that covers {@code shape} at {@code spacing} with {@code newSpacing}: round(n·s/s') */
    public static int[] shapeForSpacing(int[] shape, double[] spacing, double[] newSpacing) {
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            out[a] = Math.max(1, (int) Math.round(shape[a] * spacing[a] / newSpacing[a]));
        }
        return out;
    }

    /**
     * The axis to resample on its own with order 0 when going from {@code from} to {@code to} spacing, or -1. As
     * nnU-Net v1: if the source spacing is anisotropic (largest > 3× smallest) its coarsest axis, else if the target
     * spacing is, the target's coarsest axis; none if the coarsest spacing is shared by two or more axes.
     */
    public static int lowResolutionAxis(double[] from, double[] to) {
        double[] basis = anisotropic(from) ? from : anisotropic(to) ? to : null;
        if (basis == null) {
            return -1;
        }
        double max = Arrays.stream(basis).max().orElseThrow();
        int axis = -1;
        for (int a = 0; a < 3; a++) {
            if (basis[a] == max) {
                if (axis >= 0) {
                    return -1;
                }
                axis = a;
            }
        }
        return axis;
    }

    private static boolean anisotropic(double[] spacing) {
        double max = Arrays.stream(spacing).max().orElseThrow();
        double min = Arrays.stream(spacing).min().orElseThrow();
        return max / min > ANISOTROPY_THRESHOLD;
    }

    /** @return {@code inPlane} on every axis except the low-resolution one (if any), which gets order 0 */
    public static Order[] axisOrders(double[] from, double[] to, Order inPlane) {
        Order[] orders = {inPlane, inPlane, inPlane};
        int axis = lowResolutionAxis(from, to);
        if (axis >= 0) {
            orders[axis] = Order.NEAREST;
        }
        return orders;
    }

    /**
     * Resamples an image to another spacing with {@code order} in-plane and nnU-Net's separate order-0 handling of
     * a low-resolution axis. The result keeps the volume's geometry (its origin); the spacing is the new one.
     */
    public static Volume toSpacing(Volume volume, double[] newSpacing, Order order) {
        int[] newShape = shapeForSpacing(volume.shape(), volume.spacing(), newSpacing);
        Order[] orders = axisOrders(volume.spacing(), newSpacing, order);
        float[] data = resize(volume.data(), volume.shape(), newShape, orders);
        return new Volume(data == volume.data() ? data.clone() : data, newShape, newSpacing, volume.geometry());
    }

    /** @return {@code volume} resized to {@code newShape}, spacing scaled to cover the same extent */
    public static Volume toShape(Volume volume, int[] newShape, Order order) {
        int[] s = volume.shape();
        double[] sp = volume.spacing();
        double[] newSpacing = new double[3];
        for (int a = 0; a < 3; a++) {
            newSpacing[a] = sp[a] * s[a] / newShape[a];
        }
        float[] data = resize(volume.data(), s, newShape, axisOrders(sp, newSpacing, order));
        return new Volume(data == volume.data() ? data.clone() : data, newShape, newSpacing, volume.geometry());
    }

    private static void checkShapes(int length, int[] shape, int[] newShape) {
        if (shape.length != 3 || newShape.length != 3 || (long) shape[0] * shape[1] * shape[2] != length
                || Arrays.stream(newShape).anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("cannot resize " + length + " values on " + Arrays.toString(shape)
                    + " to " + Arrays.toString(newShape));
        }
    }

    /** One pass: the volume as [outer][n][inner] with n along {@code axis}, resized to [outer][m][inner]. */
    private static float[] resizeAxis(float[] in, int[] shape, int axis, int m, Order order) {
        int n = shape[axis];
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= shape[a];
        }
        int inner = 1;
        for (int a = axis + 1; a < 3; a++) {
            inner *= shape[a];
        }
        Kernel k = Kernel.of(order, n, m);
        float[] out = new float[Math.multiplyExact(Math.multiplyExact(outer, m), inner)];
        int innerF = inner;
        IntStream rows = IntStream.range(0, outer);
        if ((long) out.length > PARALLEL_THRESHOLD) {
            rows = rows.parallel();
        }
        rows.forEach(o -> {
            int inBase = o * n * innerF;
            int outBase = o * m * innerF;
            for (int j = 0; j < m; j++) {
                int dst = outBase + j * innerF;
                int taps = k.taps;
                for (int t = 0; t < taps; t++) {
                    float w = k.weights[j * taps + t];
                    if (w == 0f) {
                        continue;
                    }
                    int src = inBase + k.index[j * taps + t] * innerF;
                    // The output starts as zeros, so every tap accumulates.
                    for (int i = 0; i < innerF; i++) {
                        out[dst + i] += w * in[src + i];
                    }
                }
            }
        });
        return out;
    }

    /** For every output position along an axis: the input indices it reads (clamped to the edge) and weights. */
    private record Kernel(int taps, int[] index, float[] weights) {

        static Kernel of(Order order, int n, int m) {
            int taps = order.taps();
            int[] index = new int[m * taps];
            float[] weights = new float[m * taps];
            double[] w = new double[taps];
            double scale = (double) n / m;
            for (int j = 0; j < m; j++) {
                double x = (j + 0.5) * scale - 0.5;
                int first = order.first(x);
                order.weights(x, w);
                for (int t = 0; t < taps; t++) {
                    index[j * taps + t] = clamp(first + t, n);
                    weights[j * taps + t] = (float) w[t];
                }
            }
            return new Kernel(taps, index, weights);
        }

        private static int clamp(int i, int n) {
            return i < 0 ? 0 : i >= n ? n - 1 : i;
        }
    }
}
