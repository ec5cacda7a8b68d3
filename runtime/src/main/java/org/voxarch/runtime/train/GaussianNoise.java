package org.voxarch.runtime.train;

import java.util.random.RandomGenerator;

/**
 * Adds zero-mean Gaussian noise to every channel.
 *
 * <p>Quirk carried over: batchgenerators draws a "variance" from (0, 0.1) and passes it to numpy as the standard
 * deviation, so the noise's standard deviation (not its variance) is uniform in [{@code minStd}, {@code maxStd}).
 *
 * @param probability per sample (0.1)
 * @param minStd      lower end of the drawn standard deviation (0)
 * @param maxStd      upper end (0.1)
 */
public record GaussianNoise(double probability, double minStd, double maxStd) implements PatchTransform {

    /** nnU-Net's setting. */
    public static GaussianNoise reference() {
        return new GaussianNoise(0.1, 0.0, 0.1);
    }

    @Override
    public void apply(Patch patch, RandomGenerator rng) {
        if (rng.nextDouble() >= probability) {
            return;
        }
        double std = Ranges.uniform(minStd, maxStd, rng);
        for (float[] channel : patch.images()) {
            for (int i = 0; i < channel.length; i++) {
                channel[i] += (float) (std * rng.nextGaussian());
            }
        }
    }
}
