package org.voxarch.compiler.diag;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects diagnostics, dropping exact repeats (a block used many times reports its own mistake once). */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();

    public void report(Diagnostic d) {
        if (seen.add(d.headline())) {
            all.add(d);
        }
    }

    public void error(Span span, String message) {
        report(Diagnostic.error(span, message));
    }

    public boolean hasErrors() {
        return !all.isEmpty();
    }

    public int count() {
        return all.size();
    }

    public List<Diagnostic> all() {
        return List.copyOf(all);
    }

    /** Everything, formatted as the CLI prints it. */
    public String format() {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : all) {
            out.append(DiagnosticFormatter.format(d));
        }
        if (!all.isEmpty()) {
            out.append(all.size() == 1 ? "1 error" : all.size() + " errors").append('\n');
        }
        return out.toString();
    }
}
