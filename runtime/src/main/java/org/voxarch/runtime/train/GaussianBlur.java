package org.voxarch.runtime.train;

import java.util.random.RandomGenerator;

/**
 * Smooths channels with an isotropic Gaussian; each selected channel draws its own σ.
 *
 * @param probability        per sample (0.2)
 * @param channelProbability per channel of a selected sample (0.5)
 * @param minSigma           in voxels (0.5)
 * @param maxSigma           in voxels (1.0)
 */
public record GaussianBlur(double probability, double channelProbability, double minSigma, double maxSigma)
        implements PatchTransform {

    /** nnU-Net's setting. */
    public static GaussianBlur reference() {
        return new GaussianBlur(0.2, 0.5, 0.5, 1.0);
    }

    @Override
    public void apply(Patch patch, RandomGenerator rng) {
        if (rng.nextDouble() >= probability) {
            return;
        }
        int[] shape = patch.shape();
        for (float[] channel : patch.images()) {
            if (rng.nextDouble() < channelProbability) {
                Grids.gaussianBlur(channel, shape, Ranges.uniform(minSigma, maxSigma, rng));
            }
        }
    }
}
