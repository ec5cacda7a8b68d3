package org.voxarch.runtime.data;

import java.util.Arrays;

/** Normalises one channel in place according to its {@link ChannelPlan} (reference §3.3). */
final class IntensityNormalizer {
    /** nnU-Net's guard against a flat image: (x − mean) / (std + 1e-8). */
    private static final double EPSILON = 1e-8;

    private IntensityNormalizer() {
    }

    /**
     * @param data the channel on the preprocessed grid, changed in place
     * @param mask 1 inside the non-zero mask on the same grid; used only when the plan says so (may then not be null)
     */
    static void apply(float[] data, ChannelPlan plan, byte[] mask) {
        if (plan.normalization() == Normalization.CT) {
            double lower = plan.lower();
            double upper = plan.upper();
            double mean = plan.mean();
            double std = Math.max(plan.std(), EPSILON);
            for (int i = 0; i < data.length; i++) {
                double v = Math.min(Math.max(data[i], lower), upper);
                data[i] = (float) ((v - mean) / std);
            }
            if (plan.useMask()) {
                zeroOutside(data, mask);
            }
            return;
        }
        boolean masked = plan.useMask();
        double sum = 0;
        long n = 0;
        for (int i = 0; i < data.length; i++) {
            if (!masked || mask[i] != 0) {
                sum += data[i];
                n++;
            }
        }
        if (n == 0) {
            Arrays.fill(data, 0f);
            return;
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < data.length; i++) {
            if (!masked || mask[i] != 0) {
                double d = data[i] - mean;
                squares += d * d;
            }
        }
        double scale = 1.0 / (Math.sqrt(squares / n) + EPSILON);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) ((data[i] - mean) * scale);
        }
        if (masked) {
            zeroOutside(data, mask);
        }
    }

    private static void zeroOutside(float[] data, byte[] mask) {
        for (int i = 0; i < data.length; i++) {
            if (mask[i] == 0) {
                data[i] = 0f;
            }
        }
    }
}
