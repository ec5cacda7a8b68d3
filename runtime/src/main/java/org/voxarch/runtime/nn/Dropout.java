package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.dropout;
import static org.bytedeco.pytorch.global.torch.native_dropout;

import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;

/**
 * Element-wise dropout, {@code torch.nn.Dropout}: in training each element is zeroed with probability p and the
 * rest scaled by 1/(1-p); in eval the input is returned unchanged.
 */
public final class Dropout extends Layer {
    private final double p;

    /** @param p probability of zeroing an element, in [0, 1] */
    public Dropout(double p) {
        super("Dropout");
        this.p = checkProbability(p);
    }

    static double checkProbability(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1], got " + p);
        }
        return p;
    }

    /** @return {@code x} itself in eval mode, else a new tensor of the same shape */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, this::compute, Profiler.Flops.NONE);
    }

    private Tensor compute(Tensor x) {
        if (!isTraining()) {
            return x;
        }
        if (Kernels.byteMaskDropout() && p > 0 && p < 1) {
            // One pass, and backward keeps a one-byte mask rather than the float noise that dropout() multiplies by.
            T_TensorTensor_T outputAndMask = native_dropout(x, p, new BoolOptional(true));
            return new Tensor(outputAndMask.get0()); // get0() may point into the tuple: own a handle
        }
        return dropout(x, p, true);
    }
}
