package org.voxarch.runtime.nn;

import org.bytedeco.pytorch.Tensor;

/** {@code x} where positive, {@code slope·x} elsewhere; {@code torch.nn.LeakyReLU}. No parameters. */
public final class LeakyReLU extends Layer {
    private final double slope;

    /** @param slope the negative slope (PyTorch's default is 0.01) */
    public LeakyReLU(double slope) {
        super("LeakyReLU");
        this.slope = slope;
    }

    /** @return a new tensor; the input is not modified (the reference's in-place variant computes the same values) */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, this::compute, Profiler.Flops.NONE);
    }

    private Tensor compute(Tensor x) {
        return Ops.leakyRelu(x, slope);
    }
}
