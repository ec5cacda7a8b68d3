package org.voxarch.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The volume and dataset fuzzer (issue 11): seeded hostile NIfTI files and dataset folders through every command
 * that reads data must succeed or get one message naming the file, never a stack trace, a hang, a runaway
 * allocation, a partial output or a changed file the command was not asked to write.
 * {@code -Dvoxarch.volfuzz.count=N} ({@code -Pfuzz} runs 5,000), {@code .seed}, {@code .trainEvery} (every how
 * many dataset inputs also go through {@code train}). Failing inputs are listed in
 * {@code target/volfuzz-failures.txt} with the seed and index that make them again:
 * {@code -Dvoxarch.volfuzz.only=365,409} runs just those inputs.
 */
class VolumeFuzzTest {
    @TempDir
    Path dir;

    @Test
    void hostileVolumesAndDatasetsGetOneMessageNamingTheFileAndLeaveNothingHalfWritten() throws IOException {
        int count = Integer.getInteger("voxarch.volfuzz.count", 300);
        long seed = Long.getLong("voxarch.volfuzz.seed", 11L);
        VolumeFuzzRun run = new VolumeFuzzRun(dir, Integer.getInteger("voxarch.volfuzz.trainEvery", 16));
        long start = System.nanoTime();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        String only = System.getProperty("voxarch.volfuzz.only");
        if (only != null) {
            run.run(java.util.Arrays.stream(only.split(",")).mapToInt(Integer::parseInt).toArray(), seed);
        } else {
            run.run(count, seed);
        }
        // CPU time too: the wall time depends on what else the machine runs.
        System.out.printf("volume fuzz: %d inputs, %d commands (%d trainings), %d accepted, %d failures, %.1f s"
                + " (%.1f s of CPU)%n", run.inputs, run.commands, run.trained, run.accepted, run.failures.size(),
                (System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpuStart) / 1e9);
        run.time.forEach((command, t) -> System.out.printf("  %s: %.0f runs, %.1f s%n", command, t[0], t[1]));
        StringBuilder report = new StringBuilder();
        for (VolumeFuzzRun.Failure f : run.failures) {
            report.append("input ").append(f.index()).append(" (seed ").append(seed).append(", ").append(f.how())
                    .append(")\n  ").append(f.command()).append("\n  ").append(String.join("\n  ", f.problems()))
                    .append('\n');
        }
        if (!run.failures.isEmpty()) {
            Path kept = Path.of("target", "volfuzz-failures.txt");
            Files.createDirectories(kept.getParent());
            Files.writeString(kept, report);
        }
        assertTrue(run.failures.isEmpty(), run.failures.size() + " failures:\n"
                + report.substring(0, Math.min(report.length(), 30_000)));
    }
}
