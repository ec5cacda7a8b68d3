package org.voxarch.compiler.diag;

import java.util.ArrayList;
import java.util.List;

/** The text of one spec file and the name it is shown under in diagnostics. */
public final class SourceFile {
    private final String displayPath;
    private final String text;
    private final java.nio.file.Path location;
    private final java.nio.file.Path root;
    private final List<Integer> lineStarts = new ArrayList<>();

    public SourceFile(String displayPath, String text) {
        this(displayPath, text, null);
    }

    /**
     * @param displayPath how diagnostics and generated comments name the file
     * @param location    where it is on disk (imports resolve beside it), or null for class-path specs
     */
    public SourceFile(String displayPath, String text, java.nio.file.Path location) {
        this(displayPath, text, location, location == null ? null : location.toAbsolutePath().normalize().getParent());
    }

    /**
     * @param root the source root the file's imports must stay inside (its folder for a file given directly, the
     *             project's spec folder for a build), or null for class-path specs
     */
    public SourceFile(String displayPath, String text, java.nio.file.Path location, java.nio.file.Path root) {
        this.root = root;
        this.displayPath = displayPath;
        this.text = text;
        this.location = location;
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
    }

    public String displayPath() {
        return displayPath;
    }

    /** The file on disk, or null for specs read from the class path. */
    public java.nio.file.Path location() {
        return location;
    }

    /** The source root imports resolve inside, or null for class-path specs. */
    public java.nio.file.Path root() {
        return root;
    }

    public String text() {
        return text;
    }

    /** The 1-based line's text without its line break, or "" past the end. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.size()) {
            return "";
        }
        int start = lineStarts.get(line - 1);
        int end = line < lineStarts.size() ? lineStarts.get(line) - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    @Override
    public String toString() {
        return displayPath;
    }
}
