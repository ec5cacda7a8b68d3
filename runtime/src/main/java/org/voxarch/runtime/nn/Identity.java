package org.voxarch.runtime.nn;

import org.bytedeco.pytorch.Tensor;

/** {@code torch.nn.Identity}: returns its input. No parameters; a placeholder where a variant drops a layer. */
public final class Identity extends Layer {
    public Identity() {
        super("Identity");
    }

    /** @return {@code x} itself */
    @Override
    public Tensor forward(Tensor x) {
        return x;
    }
}
