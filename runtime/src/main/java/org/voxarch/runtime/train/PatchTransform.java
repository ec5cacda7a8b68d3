package org.voxarch.runtime.train;

import java.util.random.RandomGenerator;

/**
 * One augmentation applied to a patch in place. Each implementation is a record whose components are its
 * probabilities and ranges; all randomness comes from the generator passed in, so a fixed seed repeats.
 */
public interface PatchTransform {

    /** Draws whether and how to transform, and transforms {@code patch} in place. */
    void apply(Patch patch, RandomGenerator rng);
}
