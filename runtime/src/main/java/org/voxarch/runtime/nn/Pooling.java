package org.voxarch.runtime.nn;

import java.util.Arrays;

/** Argument rules shared by {@link MaxPool3d} and {@link AvgPool3d}, as PyTorch checks them. */
final class Pooling {
    private Pooling() {
    }

    /** All zeros stands for "the kernel" (the spec's default, PyTorch's {@code stride=None}). */
    static long[] stride(long[] stride, long[] kernel) {
        return Arrays.stream(stride).allMatch(s -> s == 0) ? kernel.clone() : Tensors.perAxis("stride", stride, false);
    }

    static long[] padding(long[] padding, long[] kernel) {
        long[] p = Tensors.perAxis("padding", padding, true);
        for (int i = 0; i < p.length; i++) {
            if (2 * p[i] > kernel[i]) {
                throw new IllegalArgumentException("pool padding " + Arrays.toString(p)
                        + " must be at most half the kernel " + Arrays.toString(kernel));
            }
        }
        return p;
    }
}
