package org.voxarch.compiler.parse;

import org.voxarch.compiler.diag.Span;

/** A structural mistake found while building the tree (for example two forward blocks). */
final class SyntaxProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Span span;

    SyntaxProblem(Span span, String message) {
        super(message, null, false, false);
        this.span = span;
    }

    Span span() {
        return span;
    }
}
