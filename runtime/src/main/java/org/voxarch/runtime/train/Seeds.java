package org.voxarch.runtime.train;

/**
 * Derives independent seeds from a run's seed and a position in the run (stream, epoch, iteration, sample), so
 * every random draw depends only on where it happens, never on thread timing or on what ran before: a batch can be
 * produced by any loader thread, and a resumed run draws exactly what an uninterrupted one would have.
 */
public final class Seeds {
    /** Stream of the training batches. */
    public static final long TRAINING_BATCHES = 1;
    /** Stream of the validation batches. */
    public static final long VALIDATION_BATCHES = 2;
    /** Stream of libtorch's own generator (dropout and other random layers), reseeded every epoch. */
    public static final long TORCH = 3;
    /** Stream of libtorch's generator while the network's initial weights are drawn. */
    public static final long INITIAL_WEIGHTS = 4;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /**
     * @param seed  the run's seed
     * @param parts the position, e.g. (stream, epoch, iteration, sample)
     * @return a well-mixed 64-bit seed; different positions give unrelated values
     */
    public static long derive(long seed, long... parts) {
        long h = mix(seed + GOLDEN_GAMMA);
        for (long part : parts) {
            h = mix(h ^ mix(part + GOLDEN_GAMMA));
        }
        return h;
    }

    /** SplitMix64's finaliser: a bijection that spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
