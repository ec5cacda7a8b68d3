package org.voxarch.compiler.diag;

/**
 * A region of a spec file: 1-based line and column of its first character and its length on that line.
 * Spans that cover several lines are underlined on their first line only.
 */
public record Span(SourceFile file, int line, int column, int length) {

    /** A span for values that do not come from a file (for example a command-line override). */
    public static Span synthetic(String origin) {
        return new Span(new SourceFile(origin, ""), 0, 0, 0);
    }

    public boolean isSynthetic() {
        return line == 0;
    }

    /** {@code file:line:col} as printed in diagnostics and generated comments. */
    public String location() {
        return isSynthetic() ? file.displayPath() : file.displayPath() + ":" + line + ":" + column;
    }

    /** {@code file:line}, short form used in generated code comments. */
    public String lineRef() {
        String path = file.displayPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return isSynthetic() ? path : name + ":" + line;
    }

    @Override
    public String toString() {
        return location();
    }
}
