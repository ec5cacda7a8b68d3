package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.instance_norm;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.zeros;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;

/**
 * Instance normalisation of 5-D input, {@code torch.nn.InstanceNorm3d} without running statistics: every sample
 * and channel is normalised by its own mean and (biased) variance, in training and in eval alike. With
 * {@code affine} it has {@code weight [C]} (ones) and {@code bias [C]} (zeros); without, no parameters at all.
 */
public final class InstanceNorm3d extends Layer {
    private static final boolean USE_INPUT_STATS = true;
    private static final double UNUSED_MOMENTUM = 0.1;
    private static final boolean CUDNN_ENABLED = true;

    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * @param channels number of channels C
     * @param affine whether to learn a per-channel scale and shift
     * @param eps added to the variance (PyTorch's default is 1e-5)
     */
    public InstanceNorm3d(long channels, boolean affine, double eps) {
        super("InstanceNorm3d");
        Tensors.requirePositive("channels", channels);
        this.eps = eps;
        this.weight = affine ? registerParam("weight", ones(channels)) : null;
        this.bias = affine ? registerParam("bias", zeros(channels)) : null;
    }

    /**
     * @param x {@code [B, C, Z, Y, X]}
     * @return the same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, this::compute, Profiler.Flops.NONE);
    }

    private Tensor compute(Tensor x) {
        if (x.dim() != 5) {
            throw new IllegalArgumentException("InstanceNorm3d expects [B, C, Z, Y, X], got " + x.dim() + " axes");
        }
        return instance_norm(x, Tensors.optional(weight), Tensors.optional(bias), new TensorOptional(),
                new TensorOptional(), USE_INPUT_STATS, UNUSED_MOMENTUM, eps, CUDNN_ENABLED);
    }

    /** @return the scale {@code [C]}, or null when not affine */
    public Tensor weight() {
        return weight;
    }

    /** @return the shift {@code [C]}, or null when not affine */
    public Tensor bias() {
        return bias;
    }
}
