package org.voxarch.runtime.nn;

/** {@code torch.nn.GELU(approximate)}: the exact erf form ({@code "none"}) or the tanh approximation. */
public final class GELU extends Activation {
    /** @param approximate {@code "none"} or {@code "tanh"}, as PyTorch's */
    public GELU(String approximate) {
        super("GELU", x -> Ops.gelu(x, approximate));
        Ops.checkChoice("GELU approximate", approximate, Ops.GELU_APPROXIMATIONS);
    }
}
