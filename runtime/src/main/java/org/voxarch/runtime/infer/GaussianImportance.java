package org.voxarch.runtime.infer;

/**
 * The importance map that weights each window's prediction by how central a voxel is in the window (nnU-Net v1):
 * a Gaussian with σ = patch/8 per axis centred at voxel {@code patch/2} (integer division), as the filter of a unit
 * impulse truncated at 4σ (scipy's {@code gaussian_filter} default), normalised to a maximum of 1; voxels beyond
 * the truncation, which would be 0, take the smallest non-zero value so that every voxel keeps some weight.
 */
public final class GaussianImportance {
    /** σ as a fraction of the patch size. */
    public static final double SIGMA_SCALE = 1.0 / 8;
    /** Kernel radius in σ: scipy's {@code truncate}. */
    private static final double TRUNCATE = 4.0;

    private GaussianImportance() {
    }

    /** @return the map over {@code patch} (z, y, x), row-major */
    public static float[] of(int[] patch) {
        double[][] profiles = new double[3][];
        for (int a = 0; a < 3; a++) {
            profiles[a] = profile(patch[a]);
        }
        int n = patch[0] * patch[1] * patch[2];
        double[] values = new double[n];
        double max = 0;
        for (int z = 0, i = 0; z < patch[0]; z++) {
            for (int y = 0; y < patch[1]; y++) {
                double zy = profiles[0][z] * profiles[1][y];
                for (int x = 0; x < patch[2]; x++, i++) {
                    values[i] = zy * profiles[2][x];
                    max = Math.max(max, values[i]);
                }
            }
        }
        float[] map = new float[n];
        float minNonZero = Float.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            map[i] = (float) (values[i] / max);
            if (map[i] > 0) {
                minNonZero = Math.min(minNonZero, map[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (map[i] == 0f) {
                map[i] = minNonZero;
            }
        }
        return map;
    }

    /** One axis: exp(−d²/2σ²) within the truncation radius of the centre, 0 beyond. */
    private static double[] profile(int size) {
        double sigma = size * SIGMA_SCALE;
        int centre = size / 2;
        int radius = (int) (TRUNCATE * sigma + 0.5);
        double[] p = new double[size];
        for (int i = 0; i < size; i++) {
            int d = i - centre;
            p[i] = Math.abs(d) <= radius ? Math.exp(-0.5 * d * d / (sigma * sigma)) : 0;
        }
        return p;
    }
}
