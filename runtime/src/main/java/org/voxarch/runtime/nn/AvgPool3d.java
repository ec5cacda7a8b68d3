package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.avg_pool3d;

import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;

/**
 * {@code torch.nn.AvgPool3d(kernel, stride, padding)}: the mean of each window, zero padding counted in the divisor
 * (PyTorch's default {@code count_include_pad=True}).
 */
public final class AvgPool3d extends Layer {
    private final long[] kernel;
    private final long[] stride;
    private final long[] padding;

    /**
     * @param kernel window per axis (z, y, x)
     * @param stride step per axis; 0 on every axis means the kernel (PyTorch's {@code stride=None})
     * @param padding per axis, at most half the kernel
     */
    public AvgPool3d(long[] kernel, long[] stride, long[] padding) {
        super("AvgPool3d");
        this.kernel = Tensors.perAxis("kernel", kernel, false);
        this.stride = Pooling.stride(stride, this.kernel);
        this.padding = Pooling.padding(padding, this.kernel);
    }

    /** @param x {@code [B, C, Z, Y, X]} */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, in -> avg_pool3d(in, kernel, stride, padding, false, true,
                new LongOptional()), Profiler.Flops.NONE);
    }
}
