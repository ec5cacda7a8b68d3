package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark commands run and print their figures; they time things, these tests only check they work. */
class BenchmarkCommandsTest {
    @Test
    void slidingWindowBenchmarkCountsWindowsAndProjectsAnEarlyStop() {
        // 48×80×80 with a 32×64×64 patch at half-patch steps: 2 × 2 × 2 windows.
        CliRun full = CliRun.of("bench-predict", "--model", "unetrpp-tiny", "--volume", "48,80,80");
        assertEquals(0, full.exitCode(), full.err());
        assertTrue(full.out().contains("volume [48, 80, 80]: 8 windows"), full.out());
        assertTrue(full.out().contains("8/8 windows"), full.out());
        assertTrue(full.out().contains("whole volume:"), full.out());

        CliRun early = CliRun.of("bench-predict", "--model", "unetrpp-tiny", "--volume", "48,80,80", "--mirror",
                "--max-windows", "3");
        assertEquals(0, early.exitCode(), early.err());
        assertTrue(early.out().contains("8 windows × 8 mirrorings"), early.out());
        assertTrue(early.out().contains("measured 3 of 8 windows"), early.out());
        assertTrue(!early.out().contains("4/8 windows"), "stopped after 3 windows: " + early.out());
        Matcher projected = Pattern.compile("projected whole volume: (\\d+) s").matcher(early.out());
        assertTrue(projected.find(), early.out());
    }

    @Test
    void slidingWindowBenchmarkRejectsABadVolume() {
        CliRun run = CliRun.of("bench-predict", "--model", "unetrpp-tiny", "--volume", "48,0,80");
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains("--volume needs three positive sizes"), run.err());
    }

    @Test
    void trainingThroughputBenchmarkRunsOnADataset(@TempDir Path dir) {
        Path data = dir.resolve("data");
        assertEquals(0, CliRun.of("dataset", "synthetic", "-o", data.toString(), "--cases", "3").exitCode());
        CliRun run = CliRun.of("bench-train", "--data", data.toString(), "--iters", "2", "--warmup", "1", "-o",
                dir.resolve("work").toString());
        assertEquals(0, run.exitCode(), run.err());
        Matcher m = Pattern.compile("training throughput: ([0-9.]+) it/s \\(.* over 2 iterations, ([0-9.]+)% waiting")
                .matcher(run.out());
        assertTrue(m.find(), run.out());
        assertTrue(Double.parseDouble(m.group(1)) > 0, run.out());
    }
}
