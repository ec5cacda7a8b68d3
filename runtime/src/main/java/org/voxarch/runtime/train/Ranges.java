package org.voxarch.runtime.train;

import java.util.random.RandomGenerator;

/** Random draws from the ranges the augmentations are configured with. */
final class Ranges {
    private Ranges() {
    }

    /** Uniform in [lo, hi). */
    static double uniform(double lo, double hi, RandomGenerator rng) {
        return lo == hi ? lo : lo + (hi - lo) * rng.nextDouble();
    }

    /**
     * batchgenerators' draw for factors around 1 (contrast, gamma, scale): with probability ½ (when the range
     * reaches below 1) uniform in [lo, 1), otherwise uniform in [max(lo, 1), hi), so shrinking and growing are
     * equally likely whatever the range's asymmetry.
     */
    static double factorAroundOne(double lo, double hi, RandomGenerator rng) {
        if (rng.nextDouble() < 0.5 && lo < 1) {
            return uniform(lo, 1, rng);
        }
        return uniform(Math.max(lo, 1), hi, rng);
    }
}
