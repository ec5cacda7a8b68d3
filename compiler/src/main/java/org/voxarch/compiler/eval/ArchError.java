package org.voxarch.compiler.eval;

import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Span;

/** A mistake found while evaluating one statement; caught at statement level so the others are still checked. */
public final class ArchError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Diagnostic diagnostic;

    public ArchError(Diagnostic diagnostic) {
        super(diagnostic.message(), null, false, false);
        this.diagnostic = diagnostic;
    }

    public ArchError(Span span, String message) {
        this(Diagnostic.error(span, message));
    }

    /** The same error with the offending input's shape as a note. */
    public ArchError withNoteOnShape(Shape shape) {
        return new ArchError(diagnostic.withNote("input shape is " + shape));
    }

    public ArchError withNote(String note) {
        return new ArchError(diagnostic.withNote(note));
    }

    public ArchError withHelp(String help) {
        return new ArchError(diagnostic.withHelp(help));
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }

    /** Thrown to unwind after a poisoned value; carries nothing to report. */
    static final class Poisoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Poisoned() {
            super(null, null, false, false);
        }
    }
}
