package org.voxarch.tests.fuzz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.codegen.JavaGenerator;
import org.voxarch.compiler.diag.CompileException;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.ir.IrBuilder;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.report.SummaryReport;
import org.voxarch.compiler.resolve.Program;

/**
 * What the fuzzer (issue 11) asks of the compiler for any input: {@code check}, {@code summary} and
 * {@code generate} end within a time and an allocation limit, every error has a {@code file:line:col}, nothing
 * throws anything but a {@link CompileException} (no stack trace, no "internal error"), and a spec that
 * {@code check} accepts elaborates, summarises and generates Java (which the caller then compiles with javac).
 */
final class FuzzOracle {
    /**
     * Beyond this much CPU time (or ten times as much wall time, for an input that blocks) an input counts as a
     * hang. CPU time, because the machine may be shared with other builds.
     */
    static final long TIME_LIMIT_MS = Long.getLong("voxarch.fuzz.timeLimitMs", 10_000);
    /** Bytes one input may allocate (on the checking thread) before it counts as a runaway. */
    static final long ALLOCATION_LIMIT = Long.getLong("voxarch.fuzz.allocationLimit", 2L << 30);

    /** Problems with one input, and the Java generated for it when {@code check} accepted it. */
    record Result(List<String> problems, Map<String, String> sources) {
        boolean failed() {
            return !problems.isEmpty();
        }
    }

    private FuzzOracle() {
    }

    /** Examines {@code file} (with its imports beside it); generated classes go to package {@code pkg}. */
    static Result examine(Path file, String pkg) {
        AtomicReference<Result> result = new AtomicReference<>();
        String stopped = WatchedThread.run(() -> result.set(examineNow(file, pkg)), "fuzz-" + pkg, TIME_LIMIT_MS,
                ALLOCATION_LIMIT);
        return stopped != null ? new Result(List.of(stopped), Map.of()) : result.get();
    }

    private static Result examineNow(Path file, String pkg) {
        List<String> problems = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>();
        String phase = "check";
        try {
            Diagnostics checked = Compiler.check(List.of(file));
            positioned("check", checked, problems);
            phase = checked.hasErrors() ? "summary/generate of a rejected spec" : "summary/generate";
            Program program = Compiler.loadFiles(List.of(file));
            List<NetworkModel> models = new java.util.ArrayList<>();
            for (Decl d : program.buildables()) {
                boolean template = d instanceof Decl.Block b && b.params().stream()
                        .anyMatch(p -> p.defaultValue() == null);
                if (d instanceof Decl.Grid || template) {
                    continue;
                }
                NetworkModel model = Compiler.elaborate(program, d.name().name(), Map.of());
                SummaryReport.render(IrBuilder.network(program, model));
                models.add(model);
            }
            // One generation for all networks: the spec file's class holds the blocks of every one of them.
            for (JavaGenerator.GeneratedFile generated : JavaGenerator.generate(program, models, pkg)) {
                sources.put(generated.relativePath(), generated.source());
            }
        } catch (CompileException e) {
            positioned(phase, e.diagnostics(), problems);
            if (phase.equals("summary/generate")) {
                problems.add("check passes but summary/generate fails:\n" + e.diagnostics().format());
            }
        } catch (Throwable e) {
            // Any other throwable is what a user would see as a stack trace or an "internal error".
            problems.add(phase + " threw " + DifferentialCheck.trace(e));
        }
        // Java generated for a spec that check rejects is not expected to compile (the CLI's check says so first).
        return new Result(problems, problems.isEmpty() && phase.equals("summary/generate") ? sources : Map.of());
    }

    /** Every diagnostic names file:line:col and reads as a message, not as a leaked exception. */
    private static void positioned(String phase, Diagnostics diagnostics, List<String> problems) {
        for (Diagnostic d : diagnostics.all()) {
            if (d.span().isSynthetic()) {
                problems.add(phase + ": an error without file:line:col: " + d.headline());
            }
            String text = d.message() + " " + d.notes() + " " + d.help();
            if (text.contains("internal error") || text.contains("Exception") || text.contains("\tat ")) {
                problems.add(phase + ": an error that leaks an exception: " + d.headline());
            }
        }
    }
}
