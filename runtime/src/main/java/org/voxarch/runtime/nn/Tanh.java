package org.voxarch.runtime.nn;

/** {@code torch.nn.Tanh}. */
public final class Tanh extends Activation {
    public Tanh() {
        super("Tanh", Ops::tanh);
    }
}
