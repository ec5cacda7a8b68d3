package org.voxarch.compiler.diag;

/** Thrown by the compiler's entry points when a spec has errors; carries every diagnostic found. */
public final class CompileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Diagnostics diagnostics;

    public CompileException(Diagnostics diagnostics) {
        super(diagnostics.format().stripTrailing());
        this.diagnostics = diagnostics;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
