package org.voxarch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.voxarch.compiler.report.TextTable;

/**
 * A table with one row per ablation member, rendered three ways: fixed-width text for the terminal, Markdown for
 * {@code ablation.md}, CSV (plain numbers, no grouping) for {@code ablation.csv}.
 */
final class AblationTable {
    /** A cell as shown, and as written to CSV. */
    record Cell(String shown, String raw) {
        static Cell text(String s) {
            return new Cell(s, s);
        }

        static Cell count(long n) {
            return new Cell(String.format(Locale.ROOT, "%,d", n), Long.toString(n));
        }

        static Cell number(double v, int decimals) {
            return Double.isNaN(v) ? new Cell("-", "")
                    : new Cell(String.format(Locale.ROOT, "%." + decimals + "f", v), Double.toString(v));
        }

        static Cell empty() {
            return new Cell("-", "");
        }
    }

    private final List<String> header;
    private final List<String> csvHeader;
    private final boolean[] numeric;
    private final List<List<Cell>> rows = new ArrayList<>();

    /**
     * @param header    column titles as shown
     * @param csvHeader column names in the CSV (lower case, no blanks)
     * @param numeric   which columns are right-aligned
     */
    AblationTable(List<String> header, List<String> csvHeader, boolean... numeric) {
        this.header = List.copyOf(header);
        this.csvHeader = List.copyOf(csvHeader);
        this.numeric = numeric.clone();
    }

    void add(List<Cell> row) {
        rows.add(List.copyOf(row));
    }

    int size() {
        return rows.size();
    }

    String text() {
        TextTable table = new TextTable(header, numeric);
        rows.forEach(r -> table.add(r.stream().map(Cell::shown).toList()));
        return table.render();
    }

    String markdown() {
        StringBuilder out = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        for (boolean n : numeric) {
            out.append(n ? "---:|" : "---|");
        }
        out.append('\n');
        for (List<Cell> r : rows) {
            out.append("| ").append(String.join(" | ", r.stream().map(c -> c.shown().replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return out.toString();
    }

    String csv() {
        StringBuilder out = new StringBuilder(String.join(",", csvHeader)).append('\n');
        for (List<Cell> r : rows) {
            out.append(String.join(",", r.stream().map(c -> csvField(c.raw())).toList())).append('\n');
        }
        return out.toString();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
