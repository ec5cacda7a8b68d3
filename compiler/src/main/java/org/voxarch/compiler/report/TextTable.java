package org.voxarch.compiler.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A fixed-width plain-text table: columns padded to their widest cell, numbers aligned on the right. */
public final class TextTable {
    private static final String GAP = "  ";

    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> header, boolean... rightAligned) {
        if (header.size() != rightAligned.length) {
            throw new IllegalArgumentException("one alignment per column is needed");
        }
        this.header = List.copyOf(header);
        this.rightAligned = rightAligned.clone();
    }

    public void add(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.size());
        }
        rows.add(List.copyOf(cells));
    }

    /** The header, a rule of dashes, then the rows; every line ends with a newline and has no trailing blanks. */
    public String render() {
        int[] widths = new int[header.size()];
        for (List<String> line : allLines()) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, header, widths);
        int ruleWidth = Arrays.stream(widths).sum() + GAP.length() * (widths.length - 1);
        out.append("-".repeat(ruleWidth)).append('\n');
        for (List<String> row : rows) {
            appendLine(out, row, widths);
        }
        return out.toString();
    }

    private List<List<String>> allLines() {
        List<List<String>> all = new ArrayList<>(rows);
        all.add(header);
        return all;
    }

    private void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String padding = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 ? "" : GAP).append(rightAligned[c] ? padding + cell : cell + padding);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
