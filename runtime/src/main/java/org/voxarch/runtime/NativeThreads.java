package org.voxarch.runtime;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.pytorch.global.torch;

/**
 * The CPU threads of the native libraries. libtorch parallelises with OpenMP; OpenBLAS, which libtorch calls for
 * matrix products, keeps a pthread pool of its own whose idle workers busy-wait. With both pools at the core count
 * they fight over the cores: on 2 cores a unetrpp-tiny training step took 1.4–1.8 s with 2 libtorch threads and
 * OpenBLAS at its default, 0.7–0.9 s with OpenBLAS on one thread. OpenBLAS's share of the work (small products in
 * the attention blocks) gains little from threads of its own, so it gets one, for the rest of the process.
 */
public final class NativeThreads {
    private NativeThreads() {
    }

    /**
     * Uses {@code torchThreads} libtorch intra-op threads and a single OpenBLAS thread.
     *
     * @return libtorch's previous thread count, to restore with {@code torch.set_num_threads}
     */
    public static int use(int torchThreads) {
        if (torchThreads < 1) {
            throw new IllegalArgumentException("need at least one thread, got " + torchThreads);
        }
        int previous = torch.get_num_threads();
        torch.set_num_threads(torchThreads);
        openblas_nolapack.blas_set_num_threads(1);
        return previous;
    }
}
