package org.voxarch.compiler.report;

import java.util.Locale;

/** How counts read in reports: full counts with thousands separators, FLOPs in short human units. */
final class Quantities {
    private static final String[] UNITS = {"T", "G", "M", "K"};
    private static final double[] SCALES = {1e12, 1e9, 1e6, 1e3};

    private Quantities() {
    }

    /** {@code 42952850 -> "42,952,850"}; independent of the user's locale so reports diff cleanly. */
    static String grouped(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** {@code 1536 -> "1.5 KiB"}, {@code 3221225472 -> "3.00 GiB"}: memory in binary units. */
    static String bytes(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        double[] scales = {1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= scales[i]) {
                return String.format(Locale.ROOT, i == 0 ? "%.2f %s" : "%.1f %s", bytes / scales[i], units[i]);
            }
        }
        return bytes + " B";
    }

    /**
     * {@code 47943786496 -> "47.94 G"}, {@code 456700000 -> "456.7 M"}, {@code 12300 -> "12.3 K"}, {@code 0 -> "0"}.
     * Giga and tera keep two decimals because network totals are compared at that precision.
     */
    static String flops(long flops) {
        for (int i = 0; i < UNITS.length; i++) {
            if (Math.abs(flops) >= SCALES[i]) {
                String pattern = SCALES[i] >= 1e9 ? "%.2f %s" : "%.1f %s";
                return String.format(Locale.ROOT, pattern, flops / SCALES[i], UNITS[i]);
            }
        }
        return Long.toString(flops);
    }
}
