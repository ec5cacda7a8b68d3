package org.voxarch.cli;

import org.voxarch.runtime.NativeThreads;

/**
 * libtorch's default intra-op thread count is the number of physical cores, which a small VM may report as one
 * while it has two usable CPUs; the commands that compute use every available processor unless told otherwise.
 */
final class Threads {
    private Threads() {
    }

    /**
     * Sets libtorch's intra-op threads: {@code requested} if positive, else all available processors (OpenBLAS gets
     * one, see {@link NativeThreads}).
     */
    static int configure(int requested) {
        int n = requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
        NativeThreads.use(n);
        return n;
    }
}
