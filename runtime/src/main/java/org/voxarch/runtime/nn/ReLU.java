package org.voxarch.runtime.nn;

/** {@code torch.nn.ReLU}: {@code max(x, 0)}. */
public final class ReLU extends Activation {
    public ReLU() {
        super("ReLU", Ops::relu);
    }
}
