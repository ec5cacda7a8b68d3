package org.voxarch.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects diagnostics, one per place: a mistake in a block used many times (or by several variants) is reported
 * once, at the first occurrence, even when the shapes in its message differ between uses.
 */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();
    /** Things that are legal but probably not meant (an override that changes nothing); they fail nothing. */
    private final List<Diagnostic> warnings = new ArrayList<>();
    private final Set<String> warned = new LinkedHashSet<>();
    private final Set<String> seen = new LinkedHashSet<>();

    public void report(Diagnostic d) {
        // Command-line values have no position; tell them apart by their text.
        String key = d.span().isSynthetic() ? d.headline() : d.span().location();
        if (seen.add(key)) {
            all.add(d);
        }
    }

    public void warn(Diagnostic d) {
        if (warned.add(d.span().location() + d.message())) {
            warnings.add(d);
        }
    }

    public List<Diagnostic> warnings() {
        return List.copyOf(warnings);
    }

    /** The warnings, formatted as the CLI prints them. */
    public String formatWarnings() {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : warnings) {
            out.append(DiagnosticFormatter.formatWarning(d));
        }
        return out.toString();
    }

    /** Marks a place as accounted for by a diagnostic already reported (e.g. another use of an unknown name). */
    public void cover(Span span) {
        seen.add(span.location());
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

    /**
     * Puts the diagnostics in reading order: those without a position first, then file by file (in the order the
     * files first appear), each by line and column.
     */
    public void sortBySource() {
        Map<SourceFile, Integer> fileOrder = new LinkedHashMap<>();
        for (Diagnostic d : all) {
            fileOrder.putIfAbsent(d.span().file(), fileOrder.size());
        }
        for (Diagnostic d : warnings) {
            fileOrder.putIfAbsent(d.span().file(), fileOrder.size());
        }
        Comparator<Diagnostic> order = Comparator.comparing((Diagnostic d) -> !d.span().isSynthetic())
                .thenComparing(d -> d.span().isSynthetic() ? 0 : fileOrder.get(d.span().file()))
                .thenComparingInt(d -> d.span().line())
                .thenComparingInt(d -> d.span().column());
        all.sort(order);
        warnings.sort(order);
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
