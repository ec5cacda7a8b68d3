package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.group_norm;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.zeros;

import org.bytedeco.pytorch.Tensor;

/**
 * Normalisation over groups of channels (and all spatial positions) per sample, {@code torch.nn.GroupNorm}.
 * Parameters {@code weight [C]} (ones) and {@code bias [C]} (zeros).
 */
public final class GroupNorm extends Layer {
    private static final boolean CUDNN_ENABLED = true;

    private final long groups;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * @param groups number of channel groups; must divide {@code channels}
     * @param channels number of channels C
     * @param eps added to the variance (PyTorch's default is 1e-5)
     */
    public GroupNorm(long groups, long channels, double eps) {
        super("GroupNorm");
        Tensors.requirePositive("groups", groups);
        Tensors.requirePositive("channels", channels);
        if (channels % groups != 0) {
            throw new IllegalArgumentException("GroupNorm: " + groups + " groups do not divide " + channels + " channels");
        }
        this.groups = groups;
        this.eps = eps;
        this.weight = registerParam("weight", ones(channels));
        this.bias = registerParam("bias", zeros(channels));
    }

    /**
     * @param x {@code [B, C, ...]}
     * @return the same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, this::compute, Profiler.Flops.NONE);
    }

    private Tensor compute(Tensor x) {
        return group_norm(x, groups, Tensors.optional(weight), Tensors.optional(bias), eps, CUDNN_ENABLED);
    }

    /** @return the scale {@code [C]} */
    public Tensor weight() {
        return weight;
    }

    /** @return the shift {@code [C]} */
    public Tensor bias() {
        return bias;
    }
}
