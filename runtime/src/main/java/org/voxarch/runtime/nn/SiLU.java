package org.voxarch.runtime.nn;

/** {@code torch.nn.SiLU}: {@code x · sigmoid(x)}. */
public final class SiLU extends Activation {
    public SiLU() {
        super("SiLU", Ops::silu);
    }
}
