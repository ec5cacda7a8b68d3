package org.voxarch.runtime.train;

import java.util.random.RandomGenerator;

/**
 * Flips images and labels along each axis independently.
 *
 * @param probability per axis (0.5)
 */
public record Mirroring(double probability) implements PatchTransform {

    /** nnU-Net's setting: every axis, each with probability ½. */
    public static Mirroring reference() {
        return new Mirroring(0.5);
    }

    @Override
    public void apply(Patch patch, RandomGenerator rng) {
        for (int axis = 0; axis < 3; axis++) {
            if (rng.nextDouble() < probability) {
                flip(patch, axis);
            }
        }
    }

    /** Flips images and labels of {@code patch} along {@code axis} (0 = z, 1 = y, 2 = x). */
    public static void flip(Patch patch, int axis) {
        int[] shape = patch.shape();
        for (float[] channel : patch.images()) {
            Grids.flip(channel, shape, axis);
        }
        Grids.flip(patch.labels(), shape, axis);
    }
}
