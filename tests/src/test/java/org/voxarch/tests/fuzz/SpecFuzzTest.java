package org.voxarch.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grammar-aware spec fuzzer (issue 11): seeded mutants of the shipped specs, the standard library and generated
 * specs must get positioned diagnostics or compile, never a stack trace, a hang or a runaway allocation.
 * {@code -Dvoxarch.fuzz.count=N} ({@code -Pfuzz} runs 10,000), {@code .seed}, {@code .javacLines} (how many lines
 * of generated Java one run may compile). Failing inputs are written to {@code target/fuzz-failures/} to be kept
 * as regression specs.
 */
class SpecFuzzTest {
    @TempDir
    Path dir;

    @Test
    void mutatedSpecsGetPositionedErrorsOrCompile() throws IOException {
        int count = Integer.getInteger("voxarch.fuzz.count", 1000);
        long seed = Long.getLong("voxarch.fuzz.seed", 11L);
        long start = System.nanoTime();
        SpecFuzzRun run = new SpecFuzzRun(dir, Long.getLong("voxarch.fuzz.javacLines", 40_000L));
        run.run(FuzzSeeds.load(seed, 20), count, seed);
        System.out.printf("fuzz: %d inputs, %d accepted by check, %d generated classes compiled (%d left out by the"
                + " javac budget), %d known gaps, %d failures, %.1f s%n", count, run.accepted, run.compiled,
                run.skippedJavac, run.knownGaps, run.failures.size(), (System.nanoTime() - start) / 1e9);
        Path kept = Path.of("target", "fuzz-failures");
        StringBuilder report = new StringBuilder();
        for (SpecFuzzRun.Failure f : run.failures) {
            Files.createDirectories(kept);
            Files.write(kept.resolve(f.index() + "-" + f.file()), f.text());
            if (report.length() < 20_000) {
                report.append("input ").append(f.index()).append(" (").append(f.file()).append("): ")
                        .append(f.what()).append('\n');
            }
        }
        assertTrue(run.failures.isEmpty(), run.failures.size() + " of " + count + " inputs fail (kept in " + kept
                + "):\n" + report);
    }
}
