package org.voxarch.runtime.nn;

/** {@code torch.nn.Sigmoid}: {@code 1 / (1 + e^-x)}. */
public final class Sigmoid extends Activation {
    public Sigmoid() {
        super("Sigmoid", Ops::sigmoid);
    }
}
