package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.data.Nifti;
import org.voxarch.runtime.data.Volume;

/**
 * {@code voxarch predict} in a real child process, killed with SIGKILL mid-run and while a segmentation is being
 * written, then run again into the same folder: every file a killed run left is a whole segmentation, and after the
 * rerun the folder holds exactly the segmentations of an uninterrupted run, with no temporary left behind.
 */
class PredictCrashSafetyTest {
    private static final long SEED = 23;

    @TempDir
    Path dir;

    private Process predict(Path out, String log) throws IOException {
        return CliProcess.start(dir.resolve(log), List.of(), "predict", "--run", dir.resolve("run").toString(),
                "--input", dir.resolve("data").resolve("imagesTr").toString(), "-o", out.toString(), "--no-mirror",
                "--threads", "1");
    }

    /** Polls until {@code condition} holds (true) or the process ends (false). */
    private static boolean await(Process p, BooleanSupplier condition) throws InterruptedException {
        while (p.isAlive()) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(1);
        }
        return condition.getAsBoolean();
    }

    private static List<String> names(Path folder, boolean hidden) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".") == hidden).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Every segmentation in {@code out} (temporaries aside) is whole and equal to the uninterrupted run's. */
    private static void assertWholeAndEqual(Path out, Path reference) {
        for (String name : names(out, false)) {
            Volume expected = Nifti.read(reference.resolve(name));
            Volume actual = Nifti.read(out.resolve(name));
            assertArrayEquals(expected.shape(), actual.shape(), name);
            assertArrayEquals(expected.data(), actual.data(), name + " differs from the uninterrupted run's");
        }
    }

    @Test
    void killedPredictionRerunsToTheSegmentationsOfAnUninterruptedRun() throws Exception {
        CliRun made = CliRun.of("dataset", "synthetic", "-o", dir.resolve("data").toString(), "--cases", "6");
        assertEquals(0, made.exitCode(), made.err());
        CliRun trained = CliRun.of("train", "--data", dir.resolve("data").toString(), "-o", dir.resolve("run")
                .toString(), "--epochs", "1", "--iters", "2", "--val-batches", "1", "--threads", "1", "--seed", "3");
        assertEquals(0, trained.exitCode(), trained.err());
        Path reference = dir.resolve("reference");
        assertEquals(0, predict(reference, "reference.log").waitFor(), () -> log("reference.log"));
        List<String> segmentations = names(reference, false);
        assertTrue(segmentations.size() >= 2, "several cases: " + segmentations);

        Path out = dir.resolve("out");
        Random random = new Random(SEED);
        // Mid-run: after the first segmentation, at a random moment of the next ones.
        Process first = predict(out, "crashed.log");
        assertTrue(await(first, () -> !names(out, false).isEmpty()), log("crashed.log"));
        Thread.sleep(random.nextInt(500));
        CliProcess.kill(first);
        assertWholeAndEqual(out, reference);

        // While a segmentation is being written (its hidden temporary exists beside it).
        boolean caught = false;
        for (int attempt = 0; attempt < 5 && !caught; attempt++) {
            // A temporary the previous kill left does not count: this run must be writing a new one.
            List<String> stale = names(out, true);
            Process p = predict(out, "crashed.log");
            caught = await(p, () -> names(out, true).stream().anyMatch(n -> !stale.contains(n)));
            CliProcess.kill(p);
            assertWholeAndEqual(out, reference);
        }
        assertTrue(caught, "no segmentation write was caught in five runs: " + log("crashed.log"));

        assertEquals(0, predict(out, "crashed.log").waitFor(), () -> log("crashed.log"));
        assertEquals(segmentations, names(out, false));
        assertEquals(List.of(), names(out, true), "temporaries of the killed runs are gone");
        assertWholeAndEqual(out, reference);
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
