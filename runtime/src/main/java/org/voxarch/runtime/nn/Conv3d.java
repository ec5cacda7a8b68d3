package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.conv3d;

import org.bytedeco.pytorch.Tensor;

/**
 * 3-D convolution, {@code torch.nn.Conv3d}. Parameters {@code weight} {@code [out, in/groups, kz, ky, kx]} and
 * optionally {@code bias [out]}, both U(±1/√fan_in) with fan_in = in/groups·kz·ky·kx.
 * On the CPU it steers around a wrong input gradient ({@code ChannelBlockPadding}) and a slow kernel choice for
 * single samples ({@code SingleSampleConvolution}) of the libtorch it runs on.
 */
public final class Conv3d extends Layer {
    /** Dilation and groups of every convolution here (and of its CPU workarounds in this package). */
    static final long[] NO_DILATION = {1, 1, 1};
    static final long GROUPS = 1;

    private final long[] stride;
    private final long[] padding;
    /** Null for the plain convolution, which alone takes the CPU paths below. */
    private final long[] dilation;
    private final long groups;
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
        this(in, out, kernel, stride, padding, bias, NO_DILATION, GROUPS);
    }

    /**
     * @param dilation spacing of the kernel's taps per axis
     * @param groups channel groups; in and out must both be divisible by it
     */
    public Conv3d(long in, long out, long[] kernel, long[] stride, long[] padding, boolean bias, long[] dilation,
            long groups) {
        super("Conv3d");
        Tensors.requirePositive("in channels", in);
        Tensors.requirePositive("out channels", out);
        Tensors.requirePositive("groups", groups);
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("in (" + in + ") and out (" + out + ") channels must be divisible by "
                    + groups + " groups");
        }
        long[] k = Tensors.perAxis("kernel", kernel, false);
        this.stride = Tensors.perAxis("stride", stride, false);
        this.padding = Tensors.perAxis("padding", padding, true);
        long[] d = Tensors.perAxis("dilation", dilation, false);
        boolean plain = groups == GROUPS && java.util.Arrays.equals(d, NO_DILATION);
        this.dilation = plain ? null : d;
        this.groups = groups;
        long fanIn = in / groups * Tensors.product(k);
        this.weight = registerParam("weight", Tensors.kaimingDefault(fanIn, out, in / groups, k[0], k[1], k[2]));
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
        if (dilation != null) {
            return conv3d(x, weight, Tensors.optional(bias), stride, padding, dilation, groups);
        }
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
