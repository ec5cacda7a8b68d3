package org.voxarch.runtime.train;

import java.util.random.RandomGenerator;

/**
 * Stretches or compresses each channel's values about its mean by a factor around 1, then clips to the channel's
 * original range (batchgenerators' {@code preserve_range}).
 *
 * @param probability per sample (0.15)
 * @param min         smallest factor (0.75)
 * @param max         largest factor (1.25)
 */
public record ContrastAugmentation(double probability, double min, double max) implements PatchTransform {

    /** nnU-Net's setting. */
    public static ContrastAugmentation reference() {
        return new ContrastAugmentation(0.15, 0.75, 1.25);
    }

    @Override
    public void apply(Patch patch, RandomGenerator rng) {
        if (rng.nextDouble() >= probability) {
            return;
        }
        for (float[] channel : patch.images()) {
            double mean = Grids.meanAndStd(channel)[0];
            float[] range = Grids.range(channel);
            double factor = Ranges.factorAroundOne(min, max, rng);
            for (int i = 0; i < channel.length; i++) {
                float v = (float) ((channel[i] - mean) * factor + mean);
                channel[i] = Math.max(range[0], Math.min(range[1], v));
            }
        }
    }
}
