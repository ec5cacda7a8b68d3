package org.voxarch.runtime.train;

import java.util.random.RandomGenerator;

/**
 * Multiplies each channel by its own factor.
 *
 * @param probability per sample (0.15)
 * @param min         smallest factor (0.75)
 * @param max         largest factor (1.25)
 */
public record BrightnessMultiplicative(double probability, double min, double max) implements PatchTransform {

    /** nnU-Net's setting. */
    public static BrightnessMultiplicative reference() {
        return new BrightnessMultiplicative(0.15, 0.75, 1.25);
    }

    @Override
    public void apply(Patch patch, RandomGenerator rng) {
        if (rng.nextDouble() >= probability) {
            return;
        }
        for (float[] channel : patch.images()) {
            float factor = (float) Ranges.uniform(min, max, rng);
            for (int i = 0; i < channel.length; i++) {
                channel[i] *= factor;
            }
        }
    }
}
