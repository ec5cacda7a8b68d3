package org.voxarch.runtime.nn;

/** {@code torch.nn.ELU(alpha)}: {@code x} where positive, {@code alpha·(e^x - 1)} elsewhere. */
public final class ELU extends Activation {
    /** @param alpha the scale of the negative part (PyTorch's default is 1.0) */
    public ELU(double alpha) {
        super("ELU", x -> Ops.elu(x, alpha));
    }
}
