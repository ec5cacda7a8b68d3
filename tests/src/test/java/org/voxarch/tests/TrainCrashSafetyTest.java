package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.train.TrainingCheckpoint;

/**
 * {@code voxarch train} in a real child process, killed with SIGKILL mid-epoch and while a checkpoint is being
 * written, then resumed: every file left is whole, and the final weights are bit for bit those of an uninterrupted
 * run with the same seed and threads.
 */
class TrainCrashSafetyTest {
    private static final long SEED = 11;

    @TempDir
    Path dir;

    private Process train(Path run, boolean resume, String log) throws IOException {
        Path data = dir.resolve("data");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=8g", "--enable-native-access=ALL-UNNAMED",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "org.voxarch.cli.Main",
                "train", "--data", data.toString(), "-o", run.toString(), "--epochs", "4", "--iters", "3",
                "--val-batches", "1", "--threads", "1", "--seed", "7"));
        if (resume) {
            command.add("--resume");
        }
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(log).toFile())).start();
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

    private static boolean writingCheckpoint(Path run) {
        try (Stream<Path> s = Files.list(run)) {
            return s.map(p -> p.getFileName().toString())
                    .anyMatch(n -> n.startsWith("." + TrainingCheckpoint.LATEST) && n.endsWith(".tmp"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
        p.waitFor();
    }

    /** Every file a killed run left (hidden temporaries aside) is complete and readable. */
    private static void assertWhole(Path run) throws IOException {
        Path checkpoint = run.resolve(TrainingCheckpoint.LATEST);
        if (Files.exists(checkpoint)) {
            TrainingCheckpoint.readState(checkpoint);
        }
        try (Stream<Path> s = Files.list(run)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".safetensors")).toList()) {
                Safetensors.read(p).tensors().values().forEach(Tensor::close);
            }
        }
        for (String json : List.of("run.json", "plan.json")) {
            String text = Files.readString(run.resolve(json));
            assertTrue(text.strip().endsWith("}"), json + " is whole: " + text);
        }
    }

    @Test
    void killedTrainingResumesToWeightsBitIdenticalToAnUninterruptedRun() throws Exception {
        CliRun made = CliRun.of("dataset", "synthetic", "-o", dir.resolve("data").toString(), "--cases", "3");
        assertEquals(0, made.exitCode(), made.err());
        Path reference = dir.resolve("reference");
        assertEquals(0, train(reference, false, "reference.log").waitFor(), () -> log("reference.log"));

        Path crashed = dir.resolve("crashed");
        Random random = new Random(SEED);
        // Mid-epoch: after the first checkpoint, at a random moment of the next epoch.
        Process first = train(crashed, false, "crashed.log");
        assertTrue(await(first, () -> Files.exists(crashed.resolve(TrainingCheckpoint.LATEST))), log("crashed.log"));
        Thread.sleep(100 + random.nextInt(900));
        kill(first);
        assertWhole(crashed);

        // While a checkpoint is being written (its hidden temporary exists beside it).
        boolean caught = false;
        for (int attempt = 0; attempt < 3 && !caught; attempt++) {
            Process p = train(crashed, true, "crashed.log");
            caught = await(p, () -> writingCheckpoint(crashed));
            kill(p);
            assertWhole(crashed);
        }
        assertTrue(caught, "no checkpoint write was caught in three runs: " + log("crashed.log"));

        assertEquals(0, train(crashed, true, "crashed.log").waitFor(), () -> log("crashed.log"));
        assertWhole(crashed);
        Map<String, Tensor> expected = Safetensors.read(reference.resolve("model_final.safetensors")).tensors();
        Map<String, Tensor> actual = Safetensors.read(crashed.resolve("model_final.safetensors")).tensors();
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((key, t) -> assertTrue(t.equal(actual.get(key)), key + " differs after kill and resume"));
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
