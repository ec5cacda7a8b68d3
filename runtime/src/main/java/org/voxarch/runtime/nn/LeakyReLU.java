package org.voxarch.runtime.nn;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** {@code x} where positive, {@code slope·x} elsewhere; {@code torch.nn.LeakyReLU}. No parameters. */
public final class LeakyReLU extends Layer {
    private final double slope;

    /** @param slope the negative slope (PyTorch's default is 0.01) */
    public LeakyReLU(double slope) {
        super("LeakyReLU");
        this.slope = slope;
    }

    /**
     * @return a new tensor, or {@code x} overwritten when nothing reads it afterwards ({@link InPlace}), as the
     *     reference's in-place variant
     */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, this::compute, Profiler.Flops.NONE);
    }

    private Tensor compute(Tensor x) {
        if (InPlace.mayOverwrite(x)) {
            torch.leaky_relu_(x, new Scalar(slope)).close();
            return x;
        }
        return Ops.leakyRelu(x, slope);
    }
}
