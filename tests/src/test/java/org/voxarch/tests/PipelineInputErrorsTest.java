package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad data given to the pipeline commands: one message naming the file and the problem, exit 1, nothing half. */
class PipelineInputErrorsTest {

    private static CliRun synthetic(Path dir) {
        CliRun run = CliRun.of("dataset", "synthetic", "-o", dir.toString(), "--cases", "3");
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    private static void assertCleanError(CliRun run, String... fragments) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        for (String f : fragments) {
            assertTrue(run.err().contains(f), "expected '" + f + "' in: " + run.err());
        }
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    }

    @Test
    void malformedDatasetJson(@TempDir Path dir) throws IOException {
        synthetic(dir);
        Files.writeString(dir.resolve("dataset.json"), "{ \"name\": \"broken\", \"training\": [ ");
        assertCleanError(CliRun.of("train", "--data", dir.toString(), "-o", dir.resolve("run").toString()),
                "dataset.json");
        assertFalse(Files.exists(dir.resolve("run").resolve("run.json")));
    }

    @Test
    void badTrainingOptionsAreRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        synthetic(dir);
        Path run = dir.resolve("run");
        assertCleanError(CliRun.of("train", "--data", dir.toString(), "--spacing", "1,0,1", "-o", run.toString()),
                "--spacing needs three positive sizes in mm (Z,Y,X), got [1.0, 0.0, 1.0]");
        assertCleanError(CliRun.of("train", "--data", dir.toString(), "--spacing", "2,2", "-o", run.toString()),
                "--spacing needs three positive sizes");
        assertCleanError(CliRun.of("train", "--data", dir.toString(), "--batch", "0", "-o", run.toString()),
                "--batch must be at least 1, got 0");
        assertCleanError(CliRun.of("bench-train", "--data", dir.toString(), "--spacing", "1,-1,1", "-o",
                run.toString()), "--spacing needs three positive sizes");
        assertFalse(Files.exists(run), "no run folder for refused options");
    }

    @Test
    void missingFileNamedInDatasetJson(@TempDir Path dir) throws IOException {
        synthetic(dir);
        Path label;
        try (Stream<Path> s = Files.list(dir.resolve("labelsTr"))) {
            label = s.sorted().findFirst().orElseThrow();
        }
        Files.delete(label);
        assertCleanError(CliRun.of("train", "--data", dir.toString(), "-o", dir.resolve("run").toString()),
                label.getFileName().toString());
    }

    @Test
    void truncatedImageWhenPredicting(@TempDir Path dir) throws IOException {
        synthetic(dir);
        Path image;
        try (Stream<Path> s = Files.list(dir.resolve("imagesTs"))) {
            image = s.sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(image);
        Path truncated = dir.resolve("truncated_0000.nii.gz");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        // Any run folder will do: the input is rejected before the network is used.
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("run.json"), """
                {"model": "unetrpp-tiny", "spec": null, "settings": {"classes": "4"}, "dataset": "x",
                 "plan": "plan.json", "classNames": ["background", "a", "b", "c"], "regions": {}}
                """);
        assertCleanError(CliRun.of("predict", "--run", run.toString(), "--input", truncated.toString(), "-o",
                dir.resolve("out").toString()), "truncated_0000.nii.gz");
        assertFalse(Files.exists(dir.resolve("out").resolve("truncated.nii.gz")));
    }

    @Test
    void wrongMagicIsNamed(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("fake.nii");
        byte[] header = new byte[352];
        header[0] = 0x5c;
        header[1] = 0x01;
        Files.write(fake, header);
        Path truth = dir.resolve("truth");
        Files.createDirectories(truth);
        Files.copy(fake, truth.resolve("fake.nii"));
        assertCleanError(CliRun.of("evaluate", "--pred", dir.toString(), "--truth", truth.toString()), "fake.nii");
    }

    @Test
    void gridMismatchBetweenPredictionAndReference(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        synthetic(a);
        CliRun other = CliRun.of("dataset", "synthetic", "-o", b.toString(), "--cases", "3", "--seed", "9");
        assertEquals(0, other.exitCode());
        Path pred = dir.resolve("pred");
        Files.createDirectories(pred);
        // Same case id, but a label map cropped to another grid.
        Path source;
        try (Stream<Path> s = Files.list(a.resolve("labelsTr"))) {
            source = s.sorted().findFirst().orElseThrow();
        }
        var volume = org.voxarch.runtime.data.Nifti.read(source);
        int[] shape = volume.shape();
        float[] smaller = new float[(shape[0] - 1) * shape[1] * shape[2]];
        System.arraycopy(volume.data(), 0, smaller, 0, smaller.length);
        org.voxarch.runtime.data.Nifti.writeLabels(pred.resolve(source.getFileName()),
                new org.voxarch.runtime.data.Volume(smaller, new int[] {shape[0] - 1, shape[1], shape[2]},
                        volume.spacing(), volume.geometry()));
        assertCleanError(CliRun.of("evaluate", "--pred", pred.toString(), "--truth", a.resolve("labelsTr").toString()),
                "grid");
    }
}
