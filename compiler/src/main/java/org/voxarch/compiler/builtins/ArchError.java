package org.voxarch.compiler.builtins;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Shape;

/** A mistake found while evaluating one statement; caught at statement level so the others are still checked. */
public final class ArchError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Diagnostic diagnostic;
    private final String input;

    public ArchError(Diagnostic diagnostic) {
        this(diagnostic, null);
    }

    private ArchError(Diagnostic diagnostic, String input) {
        super(diagnostic.message(), null, false, false);
        this.diagnostic = diagnostic;
        this.input = input;
    }

    public ArchError(Span span, String message) {
        this(Diagnostic.error(span, message));
    }

    /** The same error with the offending input's shape as a note. */
    public ArchError withNoteOnShape(Shape shape) {
        return withNote("input shape is " + shape);
    }

    public ArchError withNote(String note) {
        return new ArchError(diagnostic.withNote(note), input);
    }

    public ArchError withHelp(String help) {
        return new ArchError(diagnostic.withHelp(help), input);
    }

    /**
     * The same error, caused by the forward input {@code name} as it was passed in (not by the block's own
     * layers): the caller reports it at the argument it gave for that input.
     */
    public ArchError blaming(String name) {
        return new ArchError(diagnostic, name);
    }

    /**
     * The same error moved out to a caller's argument, caused by {@code blamed} there (or null). The reason comes
     * first among the notes, so that they read from the caller inwards.
     */
    public ArchError movedTo(Span span, String reason, String blamed) {
        List<String> notes = new ArrayList<>(diagnostic.notes());
        notes.add(0, reason);
        return new ArchError(new Diagnostic(span, diagnostic.message(), notes, diagnostic.help()), blamed);
    }

    /** The forward input the mistake comes from, or null when it is the block's own. */
    public String input() {
        return input;
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }

    /** Thrown to unwind after a poisoned value; carries nothing to report. */
    public static final class Poisoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Poisoned() {
            super(null, null, false, false);
        }
    }
}
