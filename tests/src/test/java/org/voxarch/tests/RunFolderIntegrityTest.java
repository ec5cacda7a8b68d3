package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.data.Nifti;
import org.voxarch.runtime.data.Volume;

/** A failed training leaves an existing run as it was, and predict refuses a run folder that mixes two trainings. */
class RunFolderIntegrityTest {

    private static void synthetic(Path dir) {
        CliRun run = CliRun.of("dataset", "synthetic", "-o", dir.toString(), "--cases", "3");
        assertEquals(0, run.exitCode(), run.err());
    }

    private static Path first(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().findFirst().orElseThrow();
        }
    }

    private static void assertCleanError(CliRun run, String... fragments) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        for (String f : fragments) {
            assertTrue(run.err().contains(f), "expected '" + f + "' in: " + run.err());
        }
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat ")
                || run.err().contains("internal error"), run.err());
    }

    /** Every file of a folder tree with its bytes, to compare before and after. */
    private static java.util.Map<Path, byte[]> snapshot(Path dir) throws IOException {
        java.util.Map<Path, byte[]> out = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void labelOutsideTheDeclaredClassesIsRefusedBeforeTheRunFolderIsTouched(@TempDir Path dir) throws IOException {
        synthetic(dir);
        Path label = first(dir.resolve("labelsTr"));
        Volume labels = Nifti.read(label);
        float[] data = labels.data().clone();
        data[data.length - 1] = 7;
        Nifti.writeLabels(label, new Volume(data, labels.shape(), labels.spacing(), labels.geometry()));
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("run.json"), "{\"model\": \"an earlier run\"}");
        Files.writeString(run.resolve("plan.json"), "{\"the\": \"earlier plan\"}");
        var before = snapshot(run);

        int[] s = labels.shape();
        int last = data.length - 1;
        CliRun train = CliRun.of("train", "--data", dir.toString(), "-o", run.toString(), "--epochs", "1",
                "--iters", "1");
        assertCleanError(train, label.toString() + ": label value 7 at voxel x=" + last % s[2] + ", y="
                + (last / s[2]) % s[1] + ", z=" + last / (s[1] * s[2])
                + " is not one of the 4 classes declared in dataset.json (0 background, ");
        var after = snapshot(run);
        assertEquals(before.keySet(), after.keySet(), "no file added to or removed from the run folder");
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " unchanged"));
    }

    @Test
    void labelGridDifferentFromTheImageIsRefusedFromTheHeaders(@TempDir Path dir) throws IOException {
        synthetic(dir);
        Path label = first(dir.resolve("labelsTr"));
        Volume labels = Nifti.read(label);
        int[] s = labels.shape();
        float[] smaller = java.util.Arrays.copyOf(labels.data(), (s[0] - 1) * s[1] * s[2]);
        Nifti.writeLabels(label, new Volume(smaller, new int[] {s[0] - 1, s[1], s[2]}, labels.spacing(),
                labels.geometry()));
        Path run = dir.resolve("run");
        assertCleanError(CliRun.of("train", "--data", dir.toString(), "-o", run.toString()), label.toString(),
                "label grid " + (s[0] - 1) + "×" + s[1] + "×" + s[2] + " (z, y, x) differs from image grid "
                        + s[0] + "×" + s[1] + "×" + s[2]);
        assertFalse(Files.exists(run), "no run folder for a refused dataset");
    }

    @Test
    void twoDimensionalImageIsRefusedByTrainAndPredict(@TempDir Path dir) throws IOException {
        synthetic(dir);
        Path image = first(dir.resolve("imagesTr"));
        Volume v = Nifti.read(image);
        int[] s = v.shape();
        Volume slice = new Volume(java.util.Arrays.copyOf(v.data(), s[1] * s[2]), new int[] {1, s[1], s[2]},
                v.spacing(), v.geometry());
        Nifti.write(image, slice);
        Path run = dir.resolve("run");
        assertCleanError(CliRun.of("train", "--data", dir.toString(), "-o", run.toString()), image.toString()
                + ": is a 2-D image (grid 1×" + s[1] + "×" + s[2] + " (z, y, x)); voxarch segments 3-D volumes");
        assertFalse(Files.exists(run));
        Files.createDirectories(run);
        Files.writeString(run.resolve("run.json"), """
                {"model": "unetrpp-tiny", "spec": null, "settings": {"classes": "4"}, "dataset": "x",
                 "plan": "plan.json", "classNames": ["background", "a", "b", "c"], "regions": {}}
                """);
        assertCleanError(CliRun.of("predict", "--run", run.toString(), "--input", image.toString(), "-o",
                dir.resolve("out").toString()), image.toString() + ": is a 2-D image");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void predictRefusesARunFolderWhosePlanOrWeightsComeFromAnotherTraining(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        synthetic(data);
        Path run = dir.resolve("run");
        CliRun train = CliRun.of("train", "--data", data.toString(), "-o", run.toString(), "--epochs", "1",
                "--iters", "1", "--val-batches", "1");
        assertEquals(0, train.exitCode(), train.err());
        Path runJson = run.resolve("run.json");
        String original = Files.readString(runJson);
        var id = java.util.regex.Pattern.compile("\"runId\" : \"([^\"]+)\"").matcher(original);
        assertTrue(id.find(), original);

        // As if another training had replaced run.json and stopped before writing weights.
        Files.writeString(runJson, original.replace(id.group(1), "another-training"));
        assertCleanError(CliRun.of("predict", "--run", run.toString(), "--input", data.toString(), "-o",
                dir.resolve("out").toString(), "--no-mirror"), "model_best.safetensors was not written by the"
                + " training described in " + runJson + " (weights from run " + id.group(1)
                + ", run.json is run another-training)");
        assertFalse(Files.exists(dir.resolve("out")));

        Files.writeString(runJson, original);
        Path plan = run.resolve("plan.json");
        String planText = Files.readString(plan);
        var fingerprint = java.util.regex.Pattern.compile("\"fingerprint\" : \"([0-9a-f]+)\"").matcher(planText);
        assertTrue(fingerprint.find(), planText);
        Files.writeString(plan, planText.replace(fingerprint.group(1), "0123"));
        assertCleanError(CliRun.of("predict", "--run", run.toString(), "--input", data.toString(), "-o",
                dir.resolve("out").toString(), "--no-mirror"), plan + " does not belong to " + runJson
                + " (plan fingerprint 0123, the run expects " + fingerprint.group(1) + ")");

        Files.writeString(plan, planText);
        CliRun predict = CliRun.of("predict", "--run", run.toString(), "--input", data.toString(), "-o",
                dir.resolve("out").toString(), "--no-mirror");
        assertEquals(0, predict.exitCode(), predict.err());
    }
}
