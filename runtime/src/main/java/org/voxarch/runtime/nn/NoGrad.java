package org.voxarch.runtime.nn;

import java.util.function.Supplier;

import org.bytedeco.pytorch.NoGradGuard;

/**
 * Runs code with autograd recording switched off (libtorch's {@code NoGradGuard}), for initialisation, weight
 * loading and inference. A lambda rather than try-with-resources, because a guard that the body never mentions
 * draws a {@code -Xlint:try} warning.
 *
 * <p>The grad mode is per thread.
 */
public final class NoGrad {
    private NoGrad() {
    }

    /** Runs {@code body} without recording gradients. */
    public static void run(Runnable body) {
        NoGradGuard guard = new NoGradGuard();
        try {
            body.run();
        } finally {
            guard.close();
        }
    }

    /** Computes {@code body} without recording gradients and returns its result. */
    public static <T> T get(Supplier<T> body) {
        NoGradGuard guard = new NoGradGuard();
        try {
            return body.get();
        } finally {
            guard.close();
        }
    }
}
