package org.voxarch.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.voxarch.runtime.nn.Profiler;

/** Prints a {@link Profiler} recording: the slowest call sites, then the totals per module type or operation. */
final class ProfileTable {
    private ProfileTable() {
    }

    /**
     * The call sites that left the most memory alive (resident-set growth across their calls): in training their
     * outputs and what autograd saved for backward.
     */
    private static void printKept(List<Profiler.Row> rows, int top) {
        List<Profiler.Row> sorted = rows.stream().sorted((a, b) -> Long.compare(b.keptBytes(), a.keptBytes())).toList();
        System.out.printf("resident-set growth across the calls: %.2f GiB in total; largest first:%n",
                sorted.stream().mapToLong(Profiler.Row::keptBytes).sum() / GIB);
        System.out.printf("%9s %10s %5s  %-26s %s%n", "kept MiB", "output MiB", "calls", "output shape",
                "module path / operation @ generated line");
        for (Profiler.Row r : sorted.subList(0, Math.min(top, sorted.size()))) {
            System.out.printf("%9.1f %10.1f %5d  %-26s %s (%s)%n", r.keptBytes() / MIB, r.outputBytes() / MIB,
                    r.calls(), Profiler.shapeText(r.shape()), r.site(), r.kind());
        }
    }

    private static final double MIB = 1024.0 * 1024;
    private static final double GIB = MIB * 1024;

    static void print(String title, List<Profiler.Row> rows, int top) {
        double total = rows.stream().mapToDouble(Profiler.Row::seconds).sum();
        System.out.printf("%nprofile: %s, %.3f s in %d call sites (times include no autograd backward)%n", title,
                total, rows.size());
        System.out.printf("%7s %6s %5s %9s %8s  %-26s %s%n", "s", "%", "calls", "GFLOP", "GFLOP/s", "output shape",
                "module path / operation @ generated line");
        for (Profiler.Row r : rows.subList(0, Math.min(top, rows.size()))) {
            System.out.printf("%7.3f %6.1f %5d %9s %8s  %-26s %s%n", r.seconds(), 100 * r.seconds() / total,
                    r.calls(), r.flops() == 0 ? "-" : String.format("%.3f", r.flops() / 1e9),
                    Double.isNaN(r.gflopsPerSecond()) ? "-" : String.format("%.1f", r.gflopsPerSecond()),
                    Profiler.shapeText(r.shape()), r.kind().equals(r.site()) ? r.site() : r.site() + " (" + r.kind()
                    + ")");
        }
        Map<String, double[]> byKind = new TreeMap<>();
        for (Profiler.Row r : rows) {
            double[] acc = byKind.computeIfAbsent(r.kind(), k -> new double[2]);
            acc[0] += r.seconds();
            acc[1] += r.flops();
        }
        // In a PointerScope every output lives until the scope closes; what the forward holds at its end is at least
        // the sum of these (views included, so an upper bound for them).
        System.out.printf("outputs of these calls: %.2f GiB in total%n",
                rows.stream().mapToLong(Profiler.Row::outputBytes).sum() / (1024.0 * 1024 * 1024));
        long kept = rows.stream().mapToLong(Profiler.Row::keptBytes).sum();
        if (kept != 0) {
            printKept(rows, top);
        }
        System.out.println("by type:");
        byKind.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).forEach(e ->
                System.out.printf("%7.3f %6.1f %15s %8s  %s%n", e.getValue()[0], 100 * e.getValue()[0] / total, "",
                        e.getValue()[1] == 0 ? "-" : String.format("%.1f", e.getValue()[1] / e.getValue()[0] / 1e9),
                        e.getKey()));
    }
}
