package org.voxarch.runtime.nn;

import java.util.function.UnaryOperator;

import org.bytedeco.pytorch.Tensor;

/** A parameter-free layer that applies one element-wise (or per-row) function of {@link Ops}. */
abstract class Activation extends Layer {
    private final UnaryOperator<Tensor> function;

    Activation(String typeName, UnaryOperator<Tensor> function) {
        super(typeName);
        this.function = function;
    }

    /** @return a new tensor of the input's shape; the input is not modified */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, function, Profiler.Flops.NONE);
    }
}
