package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.List;

/** Lines of Java with indentation, built statement by statement (JavaPoet then formats the class around them). */
final class CodeLines {
    private static final int WIDTH = 120;
    private final List<String> lines = new ArrayList<>();
    private int indent;

    void line(String text) {
        lines.add("    ".repeat(indent) + text);
    }

    /** A statement with a trailing comment, or the comment above it when the line would be too long. */
    void line(String text, String comment) {
        if (comment == null || comment.isEmpty()) {
            line(text);
            return;
        }
        String pad = "    ".repeat(indent);
        String joined = pad + text + "  // " + comment;
        if (JavaRefs.shown(joined).length() <= WIDTH) {
            lines.add(joined);
        } else {
            lines.add(pad + "// " + comment);
            lines.add(pad + text);
        }
    }

    void open(String text) {
        line(text + " {");
        indent++;
    }

    void reopen(String text) {
        indent--;
        line("} " + text + " {");
        indent++;
    }

    void close() {
        indent--;
        line("}");
    }

    /** Closes a block whose closing line is not a bare brace, e.g. a lambda passed to a call. */
    void closeWith(String text) {
        indent--;
        line(text);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The lines as JavaPoet code: classes named through {@link JavaRefs} markers become {@code $T}. */
    com.palantir.javapoet.CodeBlock code(ModuleClasses modules) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
        }
        return JavaRefs.code(b.toString(), modules);
    }
}
