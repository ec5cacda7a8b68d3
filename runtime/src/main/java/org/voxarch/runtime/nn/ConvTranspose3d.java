package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.conv_transpose3d;

import org.bytedeco.pytorch.Tensor;

/**
 * 3-D transposed convolution (learnt up-sampling), {@code torch.nn.ConvTranspose3d} without groups. Parameters {@code weight [in, out, kz, ky, kx]} and optionally {@code bias [out]}.
 * PyTorch takes fan_in from the weight's second axis, so both are U(±1/√(out·kz·ky·kx)).
 */
public final class ConvTranspose3d extends Layer {
    private static final long[] ZERO = {0, 0, 0};
    private static final long[] NO_DILATION = {1, 1, 1};
    private static final long GROUPS = 1;

    private final long[] stride;
    /** Padding, output padding and dilation; null for the plain up-sampling, which alone takes the patch path. */
    private final long[][] options;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * @param in input channels
     * @param out output channels
     * @param kernel kernel size per axis (z, y, x)
     * @param stride stride per axis (the up-sampling factor when it equals the kernel)
     * @param bias whether to add a learnt bias
     */
    public ConvTranspose3d(long in, long out, long[] kernel, long[] stride, boolean bias) {
        this(in, out, kernel, stride, bias, ZERO, ZERO, NO_DILATION);
    }

    /**
     * @param padding removed from both ends of each output axis
     * @param outputPadding added to one end of each output axis; below the stride or the dilation, as PyTorch
     * @param dilation spacing of the kernel's taps per axis
     */
    public ConvTranspose3d(long in, long out, long[] kernel, long[] stride, boolean bias, long[] padding,
            long[] outputPadding, long[] dilation) {
        super("ConvTranspose3d");
        Tensors.requirePositive("in channels", in);
        Tensors.requirePositive("out channels", out);
        long[] k = Tensors.perAxis("kernel", kernel, false);
        this.stride = Tensors.perAxis("stride", stride, false);
        long[] p = Tensors.perAxis("padding", padding, true);
        long[] op = Tensors.perAxis("output padding", outputPadding, true);
        long[] d = Tensors.perAxis("dilation", dilation, false);
        for (int i = 0; i < 3; i++) {
            if (op[i] >= this.stride[i] && op[i] >= d[i]) {
                throw new IllegalArgumentException("output padding must be smaller than either stride or dilation, got "
                        + java.util.Arrays.toString(op));
            }
        }
        boolean plain = java.util.Arrays.equals(p, ZERO) && java.util.Arrays.equals(op, ZERO)
                && java.util.Arrays.equals(d, NO_DILATION);
        this.options = plain ? null : new long[][] {p, op, d};
        long fanIn = out * Tensors.product(k);
        this.weight = registerParam("weight", Tensors.kaimingDefault(fanIn, in, out, k[0], k[1], k[2]));
        this.bias = bias ? registerParam("bias", Tensors.kaimingDefault(fanIn, out)) : null;
    }

    /**
     * @param x {@code [B, in, Z, Y, X]}
     * @return {@code [B, out, (Z-1)·sz+kz, ...]}
     */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, this::compute, this::flops);
    }

    private Tensor compute(Tensor x) {
        if (options != null) {
            return conv_transpose3d(x, weight, Tensors.optional(bias), stride, options[0], options[1], GROUPS,
                    options[2]);
        }
        if (MatmulConvolution.patch(weight, stride, ZERO)) {
            return MatmulConvolution.patchConvTranspose(x, weight, bias);
        }
        return conv_transpose3d(x, weight, Tensors.optional(bias), stride, ZERO, ZERO, GROUPS, NO_DILATION);
    }

    /** fvcore FLOPs (multiply-adds) of one call. */
    private long flops(Tensor in, Tensor out) {
        return in.numel() * weight.size(1) * weight.size(2) * weight.size(3) * weight.size(4);
    }

    /** @return the kernel, {@code [in, out, kz, ky, kx]} */
    public Tensor weight() {
        return weight;
    }

    /** @return the bias {@code [out]}, or null when built without one */
    public Tensor bias() {
        return bias;
    }
}
