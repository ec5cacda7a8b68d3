package org.voxarch.runtime.train;

import java.util.List;
import java.util.random.RandomGenerator;

import org.voxarch.runtime.data.PreprocessedCase;

/**
 * The augmentation pipeline of a training sample: the spatial transform (which also crops the patch out of the case),
 * then the patch transforms in order.
 *
 * @param spatial    rotation and scaling, or a plain crop
 * @param transforms applied in order after the spatial transform
 */
public record Augmentations(SpatialTransform spatial, List<PatchTransform> transforms) {

    /** Copies the list, so the pipeline cannot change afterwards. */
    public Augmentations {
        transforms = List.copyOf(transforms);
    }

    /**
     * nnU-Net v1's "moreDA" pipeline as UNETR++ trains with it (reference §3.7): rotation and scaling, Gaussian noise,
     * Gaussian blur, multiplicative brightness, contrast, low-resolution simulation, gamma on the inverted image,
     * gamma, mirroring.
     *
     * @param dummy2D in-plane rotation and scaling, and low-resolution simulation that leaves axis 0 alone, for
     *                anisotropic patches ({@link #needsDummy2D})
     */
    public static Augmentations reference(boolean dummy2D) {
        return new Augmentations(SpatialTransform.reference(dummy2D), List.of(
                GaussianNoise.reference(),
                GaussianBlur.reference(),
                BrightnessMultiplicative.reference(),
                ContrastAugmentation.reference(),
                SimulateLowResolution.reference(dummy2D),
                GammaTransform.referenceInverted(),
                GammaTransform.reference(),
                Mirroring.reference()));
    }

    /** No augmentation: the patch is cropped as it is (validation). */
    public static Augmentations none() {
        return new Augmentations(SpatialTransform.none(), List.of());
    }

    /** nnU-Net's rule for dummy-2D augmentation: the largest patch side exceeds 3× the first (axis 0) side. */
    public static boolean needsDummy2D(int[] patch) {
        return Math.max(patch[1], patch[2]) > 3 * patch[0];
    }

    /**
     * Produces one augmented patch of {@code size} from {@code source}, the unrotated patch starting at
     * {@code origin}.
     */
    public Patch apply(PreprocessedCase source, int[] origin, int[] size, RandomGenerator rng) {
        Patch patch = spatial.apply(source.images(), source.labels(), source.shape(), origin, size, rng);
        for (PatchTransform t : transforms) {
            t.apply(patch, rng);
        }
        return patch;
    }
}
