package org.voxarch.compiler.diag;

import java.util.List;

/**
 * One problem found in a spec: where it is, what is wrong, and optionally notes (facts that explain it, such as
 * inferred shapes or where a value was declared) and a hint on how to fix it.
 */
public record Diagnostic(Span span, String message, List<String> notes, String help) {

    public Diagnostic {
        notes = List.copyOf(notes);
    }

    public static Diagnostic error(Span span, String message) {
        return new Diagnostic(span, message, List.of(), null);
    }

    public Diagnostic withNote(String note) {
        var all = new java.util.ArrayList<>(notes);
        all.add(note);
        return new Diagnostic(span, message, all, help);
    }

    public Diagnostic withHelp(String text) {
        return new Diagnostic(span, message, notes, text);
    }

    /** The first line, {@code file.arch:line:col: error: message}. */
    public String headline() {
        return span.location() + ": error: " + message;
    }
}
