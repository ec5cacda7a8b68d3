package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.linear;

import org.bytedeco.pytorch.Tensor;

/**
 * Affine map over the last axis, {@code torch.nn.Linear}: {@code y = x·weightᵀ + bias}. Parameters
 * {@code weight [out, in]} and optionally {@code bias [out]}, both U(±1/√in).
 */
public final class Linear extends Layer {
    private final Tensor weight;
    private final Tensor bias;

    /**
     * @param in size of the input's last axis
     * @param out size of the output's last axis
     * @param bias whether to add a learnt bias
     */
    public Linear(long in, long out, boolean bias) {
        super("Linear");
        Tensors.requirePositive("in features", in);
        Tensors.requirePositive("out features", out);
        this.weight = registerParam("weight", Tensors.kaimingDefault(in, out, in));
        this.bias = bias ? registerParam("bias", Tensors.kaimingDefault(in, out)) : null;
    }

    /**
     * @param x {@code [..., in]}
     * @return {@code [..., out]}
     */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, this::compute, this::flops);
    }

    private Tensor compute(Tensor x) {
        return linear(x, weight, Tensors.optional(bias));
    }

    /** fvcore FLOPs (multiply-adds) of one call. */
    private long flops(Tensor in, Tensor out) {
        return out.numel() * weight.size(1);
    }

    /** @return the weight {@code [out, in]} */
    public Tensor weight() {
        return weight;
    }

    /** @return the bias {@code [out]}, or null when built without one */
    public Tensor bias() {
        return bias;
    }
}
