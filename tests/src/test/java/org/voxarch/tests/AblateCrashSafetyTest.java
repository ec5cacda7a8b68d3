package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.train.CsvLog;
import org.voxarch.runtime.train.TrainingCheckpoint;

/**
 * {@code voxarch ablate} in a real child process, killed with SIGKILL while its second member trains (after that
 * member's first checkpoint), then run again with the same command: the finished member is skipped and its files
 * left as they were, the interrupted one resumes from its checkpoint, and the study completes with one row per
 * member and every epoch logged once.
 */
class AblateCrashSafetyTest {
    private static final long SEED = 17;

    @TempDir
    Path dir;

    private Process ablate(Path out, String log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=8g", "--enable-native-access=ALL-UNNAMED",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "org.voxarch.cli.Main"));
        command.addAll(AblateCommandTest.ablate(dir.resolve("data"), out, "fusion_sum"));
        command.set(command.indexOf("--epochs") + 1, "3");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(log).toFile())).start();
    }

    /** Polls until {@code condition} holds (true) or the process ends (false). */
    private static boolean await(Process p, BooleanSupplier condition) throws InterruptedException {
        while (p.isAlive()) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }

    @Test
    void killedStudyResumesTheInterruptedMemberAndSkipsTheFinishedOne() throws Exception {
        CliRun made = CliRun.of("dataset", "synthetic", "-o", dir.resolve("data").toString(), "--cases", "4");
        assertEquals(0, made.exitCode(), made.err());
        Path out = dir.resolve("study");
        Path second = out.resolve("members").resolve("fusion_sum");

        Process first = ablate(out, "first.log");
        assertTrue(await(first, () -> Files.exists(second.resolve(TrainingCheckpoint.LATEST))), log("first.log"));
        Thread.sleep(new Random(SEED).nextInt(500));
        first.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
        first.waitFor();
        assertTrue(!Files.exists(out.resolve("ablation.csv")), "the study was not finished when it was killed");
        Path firstWeights = out.resolve("members").resolve("synapse").resolve("model_final.safetensors");
        byte[] finished = Files.readAllBytes(firstWeights);

        Process resumed = ablate(out, "resumed.log");
        assertEquals(0, resumed.waitFor(), () -> log("resumed.log"));
        String text = log("resumed.log");
        assertTrue(text.contains("== member 1 of 2: synapse (finished earlier, skipped)\n"), text);
        assertTrue(text.matches("(?s).*== member 2 of 2: fusion_sum \\(resuming at epoch [234]\\)\n.*"), text);
        assertArrayEquals(finished, Files.readAllBytes(firstWeights), "the finished member was not touched");

        List<String> epochs = Files.readAllLines(second.resolve(CsvLog.FILE_NAME)).stream().skip(1)
                .map(l -> l.split(",")[0]).toList();
        assertEquals(List.of("0", "1", "2"), epochs);
        List<String> csv = Files.readAllLines(out.resolve("ablation.csv"));
        assertEquals(List.of("synapse", "fusion_sum"), csv.stream().skip(1).map(l -> l.split(",")[0]).toList());
        assertTrue(csv.stream().skip(1).allMatch(l -> l.split(",")[1].equals("done")), String.join("\n", csv));
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
