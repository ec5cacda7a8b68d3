package org.voxarch.compiler.builtins;

/** What a builtin's Java argument or result is, as far as emitting Java for it is concerned. */
public enum ValueKind {
    INT, FLOAT, BOOL, STRING, INTS, FLOATS, BOOLS, TENSOR, TENSORS, INIT, OTHER;

    /** The element kind of a list kind ({@code INTS -> INT}); other kinds are their own element. */
    public ValueKind element() {
        return switch (this) {
            case INTS -> INT;
            case FLOATS -> FLOAT;
            case BOOLS -> BOOL;
            case TENSORS -> TENSOR;
            default -> this;
        };
    }

    public boolean isList() {
        return this == INTS || this == FLOATS || this == BOOLS;
    }
}
