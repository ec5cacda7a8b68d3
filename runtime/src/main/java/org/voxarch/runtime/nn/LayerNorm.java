package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.layer_norm;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.zeros;

import org.bytedeco.pytorch.Tensor;

/**
 * Normalisation over the last axis with a learnt scale and shift, {@code torch.nn.LayerNorm(dim)}. Parameters
 * {@code weight [dim]} (ones) and {@code bias [dim]} (zeros).
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
        super("LayerNorm");
        Tensors.requirePositive("dim", dim);
        this.normalizedShape = new long[] {dim};
        this.eps = eps;
        this.weight = registerParam("weight", ones(dim));
        this.bias = registerParam("bias", zeros(dim));
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

    /** @return the scale {@code [dim]} */
    public Tensor weight() {
        return weight;
    }

    /** @return the shift {@code [dim]} */
    public Tensor bias() {
        return bias;
    }
}
