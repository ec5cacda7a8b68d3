package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.max_pool3d;

import org.bytedeco.pytorch.Tensor;

/** {@code torch.nn.MaxPool3d(kernel, stride, padding)}: the maximum of each window (padding counts as -∞). */
public final class MaxPool3d extends Layer {
    private static final long[] NO_DILATION = {1, 1, 1};

    private final long[] kernel;
    private final long[] stride;
    private final long[] padding;

    /**
     * @param kernel window per axis (z, y, x)
     * @param stride step per axis; 0 on every axis means the kernel (PyTorch's {@code stride=None})
     * @param padding per axis, at most half the kernel
     */
    public MaxPool3d(long[] kernel, long[] stride, long[] padding) {
        super("MaxPool3d");
        this.kernel = Tensors.perAxis("kernel", kernel, false);
        this.stride = Pooling.stride(stride, this.kernel);
        this.padding = Pooling.padding(padding, this.kernel);
    }

    /** @param x {@code [B, C, Z, Y, X]} */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, in -> max_pool3d(in, kernel, stride, padding, NO_DILATION, false),
                Profiler.Flops.NONE);
    }
}
