package org.voxarch.runtime.nn;

/** {@code torch.nn.Softmax(dim)}: softmax along one axis. */
public final class Softmax extends Activation {
    /** @param dim the axis, negative counting from the end */
    public Softmax(long dim) {
        super("Softmax", x -> Ops.softmax(x, dim));
    }
}
