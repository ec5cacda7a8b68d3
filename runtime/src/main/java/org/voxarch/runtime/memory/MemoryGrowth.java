package org.voxarch.runtime.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Readings of {@link MemoryUse} taken at regular points of a long run (after its warm-up), and how much each figure
 * grew from the first to the last part of the run. Each part is summarised by its median, so that one reading taken
 * mid-collection or mid-allocation does not decide the result.
 */
public final class MemoryGrowth {
    /** The run is cut in this many parts; the first and the last are compared. */
    private static final int PARTS = 3;
    private final List<MemoryUse> readings = new ArrayList<>();

    /** Takes a reading now. */
    public void sample() {
        readings.add(MemoryUse.now());
    }

    public List<MemoryUse> readings() {
        return List.copyOf(readings);
    }

    /** Growth of the resident set, as a fraction (0.05 = 5 %). */
    public double rssGrowth() {
        return growth(MemoryUse::rssBytes);
    }

    /** Growth of the bytes JavaCPP holds. */
    public double javacppGrowth() {
        return growth(MemoryUse::javacppBytes);
    }

    /** Growth of the Java heap kept after a collection. */
    public double heapGrowth() {
        return growth(MemoryUse::heapBytes);
    }

    /** Median of the first part against median of the last part; 0 when the first is 0 and the last too. */
    public double growth(ToLongFunction<MemoryUse> figure) {
        if (readings.size() < 2 * PARTS) {
            throw new IllegalStateException("need at least " + 2 * PARTS + " readings, have " + readings.size());
        }
        int part = readings.size() / PARTS;
        double first = median(readings.subList(0, part), figure);
        double last = median(readings.subList(readings.size() - part, readings.size()), figure);
        return first == 0 ? (last == 0 ? 0 : Double.POSITIVE_INFINITY) : (last - first) / first;
    }

    /** Median of the last part of the run, in bytes. */
    public double settled(ToLongFunction<MemoryUse> figure) {
        int part = readings.size() / PARTS;
        return median(readings.subList(readings.size() - part, readings.size()), figure);
    }

    private static double median(List<MemoryUse> part, ToLongFunction<MemoryUse> figure) {
        long[] values = part.stream().mapToLong(figure).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
    }

    /** "RSS 1.21 GiB (+0.4 %), JavaCPP 312.0 MiB (+0.0 %), heap 41.3 MiB (-1.2 %) over N readings". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RSS %s (%+.1f %%), JavaCPP-held %s (%+.1f %%), heap after GC %s (%+.1f %%);"
                + " median of the last third against the first third of %d readings",
                bytes(settled(MemoryUse::rssBytes)), 100 * rssGrowth(), bytes(settled(MemoryUse::javacppBytes)),
                100 * javacppGrowth(), bytes(settled(MemoryUse::heapBytes)), 100 * heapGrowth(), readings.size());
    }

    private static String bytes(double b) {
        return b >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", b / (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", b / (1L << 20));
    }

    /** Every reading, one line each, for a benchmark's log. */
    public String table() {
        StringBuilder out = new StringBuilder("reading  RSS MiB  JavaCPP MiB  heap MiB  JVM non-heap MiB\n");
        for (int i = 0; i < readings.size(); i++) {
            MemoryUse m = readings.get(i);
            out.append(String.format(Locale.ROOT, "%7d  %7.1f  %11.1f  %8.1f  %16.1f%n", i, m.rssBytes() / 1048576.0,
                    m.javacppBytes() / 1048576.0, m.heapBytes() / 1048576.0, m.jvmNativeBytes() / 1048576.0));
        }
        return out.toString();
    }
}
