package org.voxarch.compiler.diag;

/** Renders a diagnostic the way rustc and Elm do: headline, the source line, a caret under the span, notes, help. */
public final class DiagnosticFormatter {
    private DiagnosticFormatter() {
    }

    public static String format(Diagnostic d) {
        return format(d, d.headline());
    }

    /** A warning: the same layout under {@code file:line:col: warning: message}. */
    public static String formatWarning(Diagnostic d) {
        return format(d, d.span().location() + ": warning: " + d.message());
    }

    private static String format(Diagnostic d, String headline) {
        StringBuilder out = new StringBuilder(headline).append('\n');
        Span span = d.span();
        String gutter = " ".repeat(String.valueOf(Math.max(span.line(), 1)).length());
        if (!span.isSynthetic()) {
            String source = span.file().line(span.line()).replace('\t', ' ');
            out.append(gutter).append(" |\n");
            out.append(span.line()).append(" | ").append(source).append('\n');
            int width = Math.max(1, Math.min(span.length(), Math.max(1, source.length() - span.column() + 1)));
            out.append(gutter).append(" | ").append(" ".repeat(Math.max(0, span.column() - 1)))
                    .append("^".repeat(width)).append('\n');
        }
        for (String note : d.notes()) {
            out.append(gutter).append(" = note: ").append(note).append('\n');
        }
        if (d.help() != null) {
            out.append(gutter).append(" = help: ").append(d.help()).append('\n');
        }
        return out.toString();
    }
}
