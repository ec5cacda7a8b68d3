package org.voxarch.runtime.train;

/**
 * How a value between voxels is computed, one axis at a time (the 3-D kernels are products of these).
 *
 * <p>CUBIC is Keys' cubic convolution (a = −0.5): it reproduces the samples exactly at voxel positions and needs no
 * prefilter. nnU-Net (scipy {@code map_coordinates}, order 3) uses a cubic B-spline with prefilter, which is
 * smoother over a whole volume but costs a global filter per sample; the two agree closely on smooth images.
 */
public enum Interpolation {
    /** The nearest voxel (labels). */
    NEAREST(1),
    /** Linear between the two neighbours. */
    LINEAR(2),
    /** Keys' cubic over four neighbours. */
    CUBIC(4);

    private static final double KEYS_A = -0.5;

    private final int taps;

    Interpolation(int taps) {
        this.taps = taps;
    }

    /** @return how many neighbours per axis contribute */
    public int taps() {
        return taps;
    }

    /**
     * The first contributing neighbour for position {@code p}: taps are {@code first, first+1, ...}.
     */
    public int first(double p) {
        return switch (this) {
            case NEAREST -> (int) Math.floor(p + 0.5);
            case LINEAR -> (int) Math.floor(p);
            case CUBIC -> (int) Math.floor(p) - 1;
        };
    }

    /**
     * Writes the weights of the taps starting at {@link #first(double)} into {@code out[0..taps)}; they sum to 1.
     */
    public void weights(double p, double[] out) {
        switch (this) {
            case NEAREST -> out[0] = 1.0;
            case LINEAR -> {
                double f = p - Math.floor(p);
                out[0] = 1.0 - f;
                out[1] = f;
            }
            case CUBIC -> {
                double f = p - Math.floor(p);
                out[0] = keys(1.0 + f);
                out[1] = keys(f);
                out[2] = keys(1.0 - f);
                out[3] = keys(2.0 - f);
            }
            default -> throw new AssertionError(this);
        }
    }

    /** Keys' kernel at distance {@code d} (0 ≤ d ≤ 2). */
    private static double keys(double d) {
        double a = KEYS_A;
        if (d <= 1.0) {
            return ((a + 2.0) * d - (a + 3.0)) * d * d + 1.0;
        }
        return ((a * d - 5.0 * a) * d + 8.0 * a) * d - 4.0 * a;
    }
}
