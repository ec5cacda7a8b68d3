package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.conv3d;

import org.bytedeco.pytorch.Tensor;

/**
 * 3-D convolution, {@code torch.nn.Conv3d} without groups or dilation. Parameters {@code weight}
 * {@code [out, in, kz, ky, kx]} and optionally {@code bias [out]}, both U(±1/√fan_in) with fan_in = in·kz·ky·kx.
 * On the CPU it steers around a wrong input gradient ({@code ChannelBlockPadding}) and a slow kernel choice for
 * single samples ({@code SingleSampleConvolution}) of the libtorch it runs on.
 */
public final class Conv3d extends Layer {
    /** Dilation and groups of every convolution here (and of its CPU workarounds in this package). */
    static final long[] NO_DILATION = {1, 1, 1};
    static final long GROUPS = 1;

    private final long[] stride;
    private final long[] padding;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * @param in input channels
     * @param out output channels
     * @param kernel kernel size per axis (z, y, x)
     * @param stride stride per axis
     * @param padding zero padding per axis
     * @param bias whether to add a learnt bias
     */
    public Conv3d(long in, long out, long[] kernel, long[] stride, long[] padding, boolean bias) {
        super("Conv3d");
        Tensors.requirePositive("in channels", in);
        Tensors.requirePositive("out channels", out);
        long[] k = Tensors.perAxis("kernel", kernel, false);
        this.stride = Tensors.perAxis("stride", stride, false);
        this.padding = Tensors.perAxis("padding", padding, true);
        long fanIn = in * Tensors.product(k);
        this.weight = registerParam("weight", Tensors.kaimingDefault(fanIn, out, in, k[0], k[1], k[2]));
        this.bias = bias ? registerParam("bias", Tensors.kaimingDefault(fanIn, out)) : null;
    }

    /**
     * @param x {@code [B, in, Z, Y, X]}
     * @return {@code [B, out, Z', Y', X']}
     */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, this::compute, this::flops);
    }

    private Tensor compute(Tensor x) {
        if (MatmulConvolution.pointwise(weight, stride, padding)) {
            return MatmulConvolution.pointwiseConv(x, weight, bias);
        }
        if (MatmulConvolution.patch(weight, stride, padding)) {
            return MatmulConvolution.patchConv(x, weight, bias);
        }
        if (ChannelBlockPadding.needed(x, weight)) {
            return ChannelBlockPadding.conv3d(x, weight, bias, stride, padding);
        }
        if (SingleSampleConvolution.applies(x)) {
            return SingleSampleConvolution.conv3d(x, weight, bias, stride, padding);
        }
        return conv3d(x, weight, Tensors.optional(bias), stride, padding, NO_DILATION, GROUPS);
    }

    /** fvcore FLOPs (multiply-adds) of one call. */
    private long flops(Tensor in, Tensor out) {
        return out.numel() * weight.size(1) * weight.size(2) * weight.size(3) * weight.size(4);
    }

    /** @return the kernel, {@code [out, in, kz, ky, kx]} */
    public Tensor weight() {
        return weight;
    }

    /** @return the bias {@code [out]}, or null when built without one */
    public Tensor bias() {
        return bias;
    }
}
