package org.voxarch.runtime.nn;

import org.bytedeco.pytorch.Tensor;

/** A module with one input and one output, so it can be chained (see {@link Sequential}). */
public abstract class Layer extends ArchModule {

    /** @param typeName the module's type name, see {@link ArchModule#ArchModule(String)} */
    protected Layer(String typeName) {
        super(typeName);
    }

    /**
     * Computes the module's output.
     *
     * @param x the input; not modified, except by an activation when nothing reads it afterwards ({@link InPlace})
     * @return a new tensor (or {@code x} itself for identities such as dropout in eval mode)
     */
    public abstract Tensor forward(Tensor x);
}
