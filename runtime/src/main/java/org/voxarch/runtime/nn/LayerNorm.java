package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.layer_norm;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.zeros;

import org.bytedeco.pytorch.Tensor;

/**
 * Normalisation over the last axis with a learnt scale and shift, {@code torch.nn.LayerNorm(dim)}. Parameters
 * {@code weight [dim]} (ones) and {@code bias [dim]} (zeros); none without affine (PyTorch's
 * {@code elementwise_affine=False}).
 */
public final class LayerNorm extends Layer {
    private static final boolean CUDNN_ENABLED = true;

    private final long[] normalizedShape;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * @param dim size of the last axis
     * @param eps added to the variance (PyTorch's default is 1e-5)
     */
    public LayerNorm(long dim, double eps) {
        this(dim, eps, true);
    }

    /**
     * @param dim size of the last axis
     * @param eps added to the variance (PyTorch's default is 1e-5)
     * @param affine whether to learn a scale and shift (no parameters when false)
     */
    public LayerNorm(long dim, double eps, boolean affine) {
        super("LayerNorm");
        Tensors.requirePositive("dim", dim);
        this.normalizedShape = new long[] {dim};
        this.eps = eps;
        this.weight = affine ? registerParam("weight", ones(dim)) : null;
        this.bias = affine ? registerParam("bias", zeros(dim)) : null;
    }

    /**
     * @param x {@code [..., dim]}
     * @return the same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, this::compute, Profiler.Flops.NONE);
    }

    private Tensor compute(Tensor x) {
        return layer_norm(x, normalizedShape, Tensors.optional(weight), Tensors.optional(bias), eps, CUDNN_ENABLED);
    }

    /** @return the scale {@code [dim]}, or null without affine */
    public Tensor weight() {
        return weight;
    }

    /** @return the shift {@code [dim]}, or null without affine */
    public Tensor bias() {
        return bias;
    }
}
