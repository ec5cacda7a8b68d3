package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.feature_dropout;

import org.bytedeco.pytorch.Tensor;

/**
 * Channel dropout, {@code torch.nn.Dropout3d}: in training whole channels of each sample are zeroed with
 * probability p and the rest scaled by 1/(1-p); in eval the input is returned unchanged.
 */
public final class Dropout3d extends Layer {
    private final double p;

    /** @param p probability of zeroing a channel, in [0, 1] */
    public Dropout3d(double p) {
        super("Dropout3d");
        this.p = Dropout.checkProbability(p);
    }

    /** @return {@code x} itself in eval mode, else a new tensor of the same shape */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, this::compute, Profiler.Flops.NONE);
    }

    private Tensor compute(Tensor x) {
        return isTraining() ? feature_dropout(x, p, true) : x;
    }
}
