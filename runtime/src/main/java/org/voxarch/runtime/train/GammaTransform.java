package org.voxarch.runtime.train;

import java.util.random.RandomGenerator;

/**
 * Gamma correction per channel: values are mapped to [0, 1] over the channel's range, raised to a random γ and
 * mapped back; optionally on the inverted image (dark and bright swap roles), and optionally restoring the
 * channel's mean and standard deviation afterwards.
 *
 * @param probability per sample (0.1 with inversion, 0.3 without)
 * @param min         smallest γ (0.7)
 * @param max         largest γ (1.5)
 * @param invert      apply to −image (and negate back)
 * @param retainStats restore mean and standard deviation
 */
public record GammaTransform(double probability, double min, double max, boolean invert, boolean retainStats)
        implements PatchTransform {
    private static final double EPSILON = 1e-7;
    private static final double STD_EPSILON = 1e-8;

    /** nnU-Net's first gamma transform: on the inverted image, p 0.1. */
    public static GammaTransform referenceInverted() {
        return new GammaTransform(0.1, 0.7, 1.5, true, true);
    }

    /** nnU-Net's second gamma transform: p 0.3. */
    public static GammaTransform reference() {
        return new GammaTransform(0.3, 0.7, 1.5, false, true);
    }

    @Override
    public void apply(Patch patch, RandomGenerator rng) {
        if (rng.nextDouble() >= probability) {
            return;
        }
        double sign = invert ? -1.0 : 1.0;
        for (float[] channel : patch.images()) {
            double[] stats = Grids.meanAndStd(channel);
            double mean = sign * stats[0];
            double std = stats[1];
            double gamma = Ranges.factorAroundOne(min, max, rng);
            float[] range = Grids.range(channel);
            double lo = invert ? -range[1] : range[0];
            double span = (invert ? -range[0] : range[1]) - lo;
            double[] v = new double[channel.length];
            double sum = 0;
            for (int i = 0; i < channel.length; i++) {
                v[i] = Math.pow((sign * channel[i] - lo) / (span + EPSILON), gamma) * span + lo;
                sum += v[i];
            }
            if (retainStats) {
                // Centre, rescale to the old standard deviation, restore the old mean.
                double newMean = sum / v.length;
                double squares = 0;
                for (double x : v) {
                    squares += (x - newMean) * (x - newMean);
                }
                double scale = std / (Math.sqrt(squares / v.length) + STD_EPSILON);
                for (int i = 0; i < v.length; i++) {
                    v[i] = (v[i] - newMean) * scale + mean;
                }
            }
            for (int i = 0; i < channel.length; i++) {
                channel[i] = (float) (sign * v[i]);
            }
        }
    }
}
