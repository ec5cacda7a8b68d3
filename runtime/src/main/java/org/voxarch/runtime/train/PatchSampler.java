package org.voxarch.runtime.train;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import org.voxarch.runtime.data.PreprocessedCase;

/**
 * Chooses where a training patch lies in a case, as nnU-Net v1's 3-D loader does: anywhere at random, or, for the
 * last samples of a batch (foreground oversampling), around a random voxel of a random foreground class present in
 * the case. A case smaller than the patch is padded evenly on both sides (images with 0, labels with 0).
 *
 * <p>Simplification: nnU-Net samples a larger patch (large enough for the rotation and scaling range) and lets the
 * spatial transform centre-crop it. Here the spatial transform reads the case directly around the chosen patch's
 * centre, so no larger patch is needed and rotated corners see real image content where the case has it.
 *
 * <p>Thread-safe: the foreground index of each case is computed once and shared.
 */
public final class PatchSampler {
    private final int[] patchSize;
    private final double jitter;
    private final Map<PreprocessedCase, ForegroundIndex> foreground = new ConcurrentHashMap<>();

    /**
     * @param patchSize (z, y, x), all positive
     * @param jitter    how far a foreground patch's centre may move away from the chosen voxel, as a fraction of the
     *                  patch size per axis, in [0, 0.25]; 0 centres exactly (as nnU-Net), anything up to 0.25 keeps
     *                  the voxel well inside the patch
     */
    public PatchSampler(int[] patchSize, double jitter) {
        if (patchSize.length != 3 || Arrays.stream(patchSize).anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("patch size needs three positive values, got "
                    + Arrays.toString(patchSize));
        }
        if (!(jitter >= 0 && jitter <= 0.25)) {
            throw new IllegalArgumentException("foreground jitter must be in [0, 0.25], got " + jitter);
        }
        this.patchSize = patchSize.clone();
        this.jitter = jitter;
    }

    /** @return the patch size (z, y, x) */
    public int[] patchSize() {
        return patchSize.clone();
    }

    /**
     * nnU-Net's rule: in a batch of {@code batchSize}, samples at index ≥ round(B·(1 − oversampling)) must contain
     * foreground. Rounding is half-to-even, as Python's {@code round}.
     */
    public static boolean forcesForeground(int index, int batchSize, double oversampling) {
        return index >= Math.rint(batchSize * (1.0 - oversampling));
    }

    /**
     * @param forceForeground centre the patch on a foreground voxel (falls back to a random patch when the case has
     *                        no foreground)
     * @return the patch's first voxel (z, y, x) in case coordinates; negative or overhanging where the case is
     *     smaller than the patch
     */
    public int[] origin(PreprocessedCase c, boolean forceForeground, RandomGenerator rng) {
        if (forceForeground) {
            int[] o = foregroundOrigin(c, rng);
            if (o != null) {
                return o;
            }
        }
        return randomOrigin(c.shape(), rng);
    }

    /** @return a uniformly random origin among those nnU-Net allows for a case of {@code shape} */
    public int[] randomOrigin(int[] shape, RandomGenerator rng) {
        int[] o = new int[3];
        for (int a = 0; a < 3; a++) {
            int lo = lowest(shape[a], patchSize[a]);
            o[a] = lo + rng.nextInt(highest(shape[a], patchSize[a]) - lo + 1);
        }
        return o;
    }

    /**
     * @return an origin whose patch contains a random voxel of a random foreground class of the case, or null if
     *     the case has no foreground
     */
    public int[] foregroundOrigin(PreprocessedCase c, RandomGenerator rng) {
        ForegroundIndex index = foregroundOf(c);
        if (index.isEmpty()) {
            return null;
        }
        int[] locations = index.locationsOf(rng.nextInt(index.classCount()));
        int voxel = locations[rng.nextInt(locations.length)];
        int[] shape = c.shape();
        int[] centre = {voxel / (shape[1] * shape[2]), voxel / shape[2] % shape[1], voxel % shape[2]};
        int[] o = new int[3];
        for (int a = 0; a < 3; a++) {
            int reach = (int) Math.floor(jitter * patchSize[a]);
            int shift = reach == 0 ? 0 : rng.nextInt(2 * reach + 1) - reach;
            int wanted = centre[a] - patchSize[a] / 2 + shift;
            o[a] = Math.max(lowest(shape[a], patchSize[a]), Math.min(highest(shape[a], patchSize[a]), wanted));
        }
        return o;
    }

    /** @return the case's foreground classes and locations (computed once per case) */
    public ForegroundIndex foregroundOf(PreprocessedCase c) {
        if (c.labels() == null) {
            throw new IllegalArgumentException(c.id() + " has no labels and cannot be trained on");
        }
        return foreground.computeIfAbsent(c, k -> ForegroundIndex.of(k.labels()));
    }

    /** Lowest origin on an axis: 0, or minus half the padding when the case is smaller than the patch. */
    private static int lowest(int size, int patch) {
        int need = Math.max(0, patch - size);
        return -(need / 2);
    }

    /** Highest origin: the patch ends at the case's end, or overhangs by the other half of the padding. */
    private static int highest(int size, int patch) {
        int need = Math.max(0, patch - size);
        return size + need / 2 + need % 2 - patch;
    }
}
