package org.voxarch.runtime.train;

import static org.bytedeco.pytorch.global.torch.clip_grad_norm_;

import org.bytedeco.pytorch.TensorVector;

/** Global gradient-norm clipping, as {@code torch.nn.utils.clip_grad_norm_} (nnU-Net clips to 12 before every step). */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Scales all gradients by one factor so that their joint L2 norm is at most {@code maxNorm}; gradients already
     * within the limit are left (numerically) unchanged.
     *
     * @return the norm before clipping
     */
    public static double clip(TensorVector parameters, double maxNorm) {
        return clip_grad_norm_(parameters, maxNorm);
    }
}
