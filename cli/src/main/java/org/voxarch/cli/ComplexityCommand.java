package org.voxarch.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.resolve.Program;
import org.voxarch.compiler.resolve.SourceLoader;
import org.voxarch.runtime.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Time and memory of one EPA block against full self-attention as the token count grows: linear against quadratic. */
@Command(name = "complexity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure one EPA block against one full multi-head self-attention block as the token count",
            "grows: median wall and CPU time and peak memory of a forward pass (--backward: forward and backward) on one",
            "sample, by running the blocks. Both come from a spec (default: the bundled ablations/complexity.arch:",
            "EPA from the UNETR++ blocks, FullAttention from ablations.arch). Before a block runs, the memory it",
            "needs is predicted from the spec; past --memory-budget it is not run and is reported as \"out of",
            "memory budget\" (full attention's tokens² map is what runs out).",
            "Peak memory is the process's peak resident size above its size before the pass; the command runs",
            "itself in a child JVM whose malloc returns freed blocks to the system, so that each pass is seen alone.",
            "Writes complexity.md, complexity.csv, complexity_time.png and complexity_memory.png (log-log) to DIR.",
            "Example: voxarch complexity --backward -o complexity"})
final class ComplexityCommand implements Callable<Integer> {
    static final String BUNDLED_SPEC = "voxarch/models/ablations/complexity.arch";
    /** Set in the child that measures; its malloc settings make freed memory visible. */
    static final String MEASURING = "VOXARCH_COMPLEXITY_CHILD";
    private static final String MMAP_THRESHOLD = "131072";
    private static final double MIB = 1024.0 * 1024;

    @Option(names = "--spec", paramLabel = "FILE", description = "Take the two probe networks from this file.")
    Path spec;

    @Option(names = "--epa", paramLabel = "NAME", defaultValue = "EpaProbe",
            description = "The linear block's network (default: ${DEFAULT-VALUE}).")
    String epa;

    @Option(names = "--full", paramLabel = "NAME", defaultValue = "FullAttentionProbe",
            description = "The quadratic block's network (default: ${DEFAULT-VALUE}).")
    String full;

    @Option(names = "--tokens", split = ",", paramLabel = "N,...", hideParamSyntax = true,
            defaultValue = "512,1024,2048,4096,8192,16384,32768",
            description = "Token counts (default: ${DEFAULT-VALUE}).")
    List<Integer> tokens;

    @Option(names = "--channels", paramLabel = "C", defaultValue = "64", description = "Channels (default: 64).")
    int channels;

    @Option(names = "--proj", paramLabel = "P", defaultValue = "64",
            description = "EPA's projected token count (default: ${DEFAULT-VALUE}).")
    int proj;

    @Option(names = "--heads", paramLabel = "H", defaultValue = "4", description = "Heads (default: 4).")
    int heads;

    @Option(names = "--backward", description = "Measure forward and backward (training) instead of forward alone.")
    boolean backward;

    @Option(names = "--memory-budget", paramLabel = "SIZE", defaultValue = "6g",
            description = "Largest predicted need to run, e.g. 512m, 4g (default: ${DEFAULT-VALUE}).")
    String memoryBudget;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3",
            description = "Timed passes after one warm-up; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "libtorch threads (default: all available processors).")
    int threads;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "complexity",
            description = "Where the table and plots go (default: ${DEFAULT-VALUE}).")
    Path output;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        long budget = bytes(memoryBudget);
        if (repeats < 1 || channels < 1 || heads < 1 || tokens.stream().anyMatch(n -> n < 1)) {
            throw new UserError("--repeats, --channels, --heads and every --tokens value must be at least 1");
        }
        if (System.getenv(MEASURING) == null && System.getProperty("os.name").startsWith("Linux")) {
            return inChild();
        }
        Threads.configure(threads);
        Program program = spec != null ? Compiler.loadFiles(List.of(spec))
                : Compiler.load(List.of(SourceLoader.fromClasspath(BUNDLED_SPEC)));
        System.out.printf("%s against %s, %d channels, %d heads, P = %d, %s, budget %s%n", epa, full, channels,
                heads, proj, backward ? "forward + backward" : "forward", memoryBudget);
        List<Row> rows = new ArrayList<>();
        for (int n : tokens) {
            Map<String, String> settings = new LinkedHashMap<>(Map.of("tokens", Integer.toString(n),
                    "channels", Integer.toString(channels), "heads", Integer.toString(heads)));
            AttentionProbe.Measurement full = AttentionProbe.measure(program, this.full, settings, backward, repeats,
                    budget);
            settings.put("proj", Integer.toString(proj));
            AttentionProbe.Measurement linear = AttentionProbe.measure(program, epa, settings, backward, repeats,
                    budget);
            Row row = new Row(n, linear, full);
            rows.add(row);
            System.out.printf("%,7d tokens: EPA %s, full attention %s%n", n, describe(linear), describe(full));
        }
        AblationTable table = table(rows);
        System.out.println();
        System.out.print(table.text());
        AtomicFiles.writeString(output.resolve("complexity.csv"), table.csv());
        AtomicFiles.writeString(output.resolve("complexity.md"), "# EPA against full self-attention\n\n"
                + String.format(Locale.ROOT, "%d channels, %d heads, EPA's P = %d; %s of one sample; median of %d"
                + " passes; peak memory above the level before the pass; budget %s.%n%n", channels, heads, proj,
                backward ? "forward and backward" : "forward", repeats, memoryBudget) + table.markdown());
        List<AblationPlots.Curve> time = List.of(curve("EPA", rows, true, r -> r.linear().seconds() * 1e3),
                curve("full self-attention", rows, false, r -> r.full().seconds() * 1e3),
                curve("EPA, CPU", rows, true, r -> r.linear().cpuSeconds() * 1e3),
                curve("full self-attention, CPU", rows, false, r -> r.full().cpuSeconds() * 1e3));
        List<AblationPlots.Curve> memory = List.of(curve("EPA", rows, true, r -> r.linear().peakBytes() / MIB),
                curve("full self-attention", rows, false, r -> r.full().peakBytes() / MIB),
                curve("full self-attention, predicted", rows, false, r -> r.full().predicted() / MIB));
        AblationPlots.curves(output.resolve("complexity_time.png"), "Time of one attention block", "tokens",
                "milliseconds", time, true);
        AblationPlots.curves(output.resolve("complexity_memory.png"), "Peak memory of one attention block", "tokens",
                "MiB", memory, true);
        System.out.println("wrote " + output.resolve("complexity.md") + ", complexity.csv, complexity_time.png,"
                + " complexity_memory.png");
        return 0;
    }

    private record Row(int tokens, AttentionProbe.Measurement linear, AttentionProbe.Measurement full) {}

    private static AblationPlots.Curve curve(String name, List<Row> rows, boolean linear,
            ToDoubleFunction<Row> value) {
        return new AblationPlots.Curve(name, rows.stream().mapToDouble(Row::tokens).toArray(),
                rows.stream().mapToDouble(r -> (linear ? r.linear() : r.full()).refused() != null
                        && !name.endsWith("predicted") ? Double.NaN : value.applyAsDouble(r)).toArray());
    }

    private static AblationTable table(List<Row> rows) {
        AblationTable table = new AblationTable(
                List.of("tokens", "EPA ms", "EPA CPU ms", "EPA MiB", "full ms", "full CPU ms", "full MiB",
                        "full predicted MiB", "full"),
                List.of("tokens", "epa_ms", "epa_cpu_ms", "epa_peak_mib", "full_ms", "full_cpu_ms", "full_peak_mib",
                        "full_predicted_mib", "full_status"), true, true, true, true, true, true, true, true, false);
        for (Row r : rows) {
            table.add(List.of(AblationTable.Cell.count(r.tokens()), ms(r.linear().seconds()),
                    ms(r.linear().cpuSeconds()), mib(r.linear()), ms(r.full().seconds()), ms(r.full().cpuSeconds()),
                    mib(r.full()), AblationTable.Cell.number(r.full().predicted() / MIB, 1),
                    AblationTable.Cell.text(r.full().refused() == null ? "ran" : r.full().refused())));
        }
        return table;
    }

    private static AblationTable.Cell ms(double seconds) {
        return AblationTable.Cell.number(seconds * 1e3, 1);
    }

    private static AblationTable.Cell mib(AttentionProbe.Measurement m) {
        return m.peakBytes() < 0 ? AblationTable.Cell.empty() : AblationTable.Cell.number(m.peakBytes() / MIB, 1);
    }

    private static String describe(AttentionProbe.Measurement m) {
        return m.refused() != null ? String.format(Locale.ROOT, "%s (needs ~%.0f MiB)", m.refused(),
                m.predicted() / MIB) : String.format(Locale.ROOT, "%.1f ms (CPU %.1f ms), %.1f MiB", m.seconds() * 1e3,
                m.cpuSeconds() * 1e3, m.peakBytes() / MIB);
    }

    /** {@code 512m}, {@code 4g}, {@code 1.5g}, or bytes. */
    static long bytes(String size) {
        String s = size.strip().toLowerCase(Locale.ROOT);
        double unit = s.endsWith("k") ? 1024 : s.endsWith("m") ? MIB : s.endsWith("g") ? MIB * 1024 : 1;
        try {
            double value = Double.parseDouble(unit == 1 ? s : s.substring(0, s.length() - 1));
            if (value > 0) {
                return (long) (value * unit);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("--memory-budget " + size + ": expected a size such as 512m or 4g");
    }

    /** Runs this command again in a child JVM whose malloc hands large freed blocks back to the system. */
    private int inChild() throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(ProcessHandle.current().info().command().orElse("java"));
        line.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        line.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        line.addAll(command.commandLine().getParseResult().originalArgs()); // "complexity" and its options
        ProcessBuilder builder = new ProcessBuilder(line).inheritIO();
        Map<String, String> env = builder.environment();
        env.remove("MALLOC_MMAP_MAX_");
        env.put("MALLOC_MMAP_THRESHOLD_", MMAP_THRESHOLD);
        env.put("MALLOC_TRIM_THRESHOLD_", MMAP_THRESHOLD);
        env.put(MEASURING, "1");
        Process child = builder.start();
        try {
            return child.waitFor();
        } finally {
            child.destroy();
        }
    }
}
