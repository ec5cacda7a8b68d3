package org.voxarch.cli;

import static org.bytedeco.pytorch.global.torch.matmul;
import static org.bytedeco.pytorch.global.torch.randn;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.TensorOptions;
import org.voxarch.runtime.nn.NoGrad;
import org.voxarch.runtime.memory.NativeScope;

/** The machine's practical matmul speed, measured in the benchmark's own run so that both see the same load. */
final class GemmPeak {
    private static final long N = 2048;
    private static final int RUNS = 4;

    private GemmPeak() {
    }

    /** @return the best of a few N×N float matmuls in fvcore GFLOP/s (N³ multiply-adds per product) */
    static double measure(Device device) {
        double best = NativeScope.get(() -> {
            TensorOptions options = new TensorOptions(device);
            org.bytedeco.pytorch.Tensor a = randn(new long[] {N, N}, options);
            org.bytedeco.pytorch.Tensor b = randn(new long[] {N, N}, options);
            double fastest = Double.MAX_VALUE;
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                NoGrad.run(() -> matmul(a, b).sum().item_float());
                fastest = Math.min(fastest, (System.nanoTime() - start) / 1e9);
            }
            return fastest;
        });
        return (double) N * N * N / best / 1e9;
    }
}
