package org.voxarch.runtime.nn;

import java.util.function.Supplier;

import org.bytedeco.pytorch.InferenceMode;

/**
 * Runs a forward pass whose outputs never meet autograd: under libtorch's {@code InferenceMode}, which skips the
 * version counters and view tracking that {@link NoGrad} still keeps. Tensors made inside cannot later take part in
 * a gradient computation, nor be changed in place outside the mode, so use it only where the results are consumed
 * as plain values (benchmarks, sliding-window prediction).
 * Off ({@code -Dvoxarch.inferenceMode=false} or {@link #enable}), it is {@link NoGrad}.
 *
 * <p>The mode is per thread.
 */
public final class Inference {
    private static volatile boolean enabled = !Boolean.getBoolean("voxarch.kernels.plain")
            && Boolean.parseBoolean(System.getProperty("voxarch.inferenceMode", "true"));

    private Inference() {
    }

    /** Switches inference mode on or off (off: gradients are only disabled). */
    public static void enable(boolean on) {
        enabled = on;
    }

    /** @return true when {@link #run} uses {@code InferenceMode} */
    public static boolean enabled() {
        return enabled;
    }

    /** Computes {@code body} in inference mode (or without gradients, when switched off). */
    public static <T> T get(Supplier<T> body) {
        if (!enabled) {
            return NoGrad.get(body);
        }
        InferenceMode guard = new InferenceMode();
        try {
            return body.get();
        } finally {
            guard.close();
        }
    }

    /** Runs {@code body} in inference mode (or without gradients, when switched off). */
    public static void run(Runnable body) {
        if (!enabled) {
            NoGrad.run(body);
            return;
        }
        InferenceMode guard = new InferenceMode();
        try {
            body.run();
        } finally {
            guard.close();
        }
    }
}
