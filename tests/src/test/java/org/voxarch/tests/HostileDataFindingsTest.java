package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.data.Geometry;
import org.voxarch.runtime.data.Nifti;
import org.voxarch.runtime.data.NiftiDatatype;
import org.voxarch.runtime.data.SyntheticDataset;
import org.voxarch.runtime.data.Volume;

/**
 * What the volume fuzzer (issue 11, {@code fuzz/VolumeFuzzTest}) found, each kept as the input that showed it, with
 * the message the user now gets, word for word.
 */
class HostileDataFindingsTest {
    @TempDir
    Path dir;
    private Path data;

    @BeforeEach
    void smallDataset() {
        data = dir.resolve("data");
        SyntheticDataset.write(data, 3, 3, new SyntheticDataset.Spec(new int[] {10, 12, 12},
                new double[] {1.5, 1, 1}, 2, 1));
    }

    private Path image(String id) {
        return data.resolve(id.equals("synth_003") ? "imagesTs" : "imagesTr").resolve(id + "_0000.nii.gz");
    }

    private Path label(String id) {
        return data.resolve(id.equals("synth_003") ? "labelsTs" : "labelsTr").resolve(id + ".nii.gz");
    }

    /** Exit 1 and exactly this one line on stderr, apart from progress bars that end their own lines. */
    private static void assertOnlyError(CliRun run, String message) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        String[] lines = run.err().split("\n");
        String last = lines[lines.length - 1];
        assertEquals("error: " + message, last);
        for (int i = 0; i < lines.length - 1; i++) {
            assertTrue(lines[i].contains(" elapsed, ETA "), "only progress bars before the error: " + run.err());
        }
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    private static String[] train(Path data, Path run) {
        return new String[] {"train", "--data", data.toString(), "-o", run.toString(), "--epochs", "1", "--iters",
            "1"};
    }

    /**
     * Fuzz input "dataset imagesTs/synth_003_0000.nii.gz: plus 3 bytes gzip": the header could not tell, so the check
     * passed and preprocessing failed halfway, leaving a plan and cached cases in the run folder.
     */
    @Test
    void surplusVoxelBytesInsideGzipAreRefusedBeforeTheRunFolderIsTouched() throws IOException {
        Path image = image("synth_003");
        byte[] plain = gunzip(Files.readAllBytes(image));
        Files.write(image, gzip(Arrays.copyOf(plain, plain.length + 3)));
        Path run = dir.resolve("run");
        assertOnlyError(CliRun.of(train(data, run)), image + ": holds 3 bytes more voxel data than dims [12, 12, 10]"
                + " of float32 need (5760 bytes after vox_offset 352): the dims do not match the data");
        assertFalse(Files.exists(run), "nothing written for a refused dataset");
    }

    /** The fuzzer's first finding: the error followed the "checking data" bar on its line. */
    @Test
    void anErrorAfterAProgressBarStartsALineOfItsOwn() throws IOException {
        Path label = label("synth_001");
        Files.write(label, Arrays.copyOf(Files.readAllBytes(label), 40));
        CliRun run = CliRun.of(train(data, dir.resolve("run")));
        assertTrue(run.err().contains("\nerror: " + label + ": "), run.err());
    }

    /** Fuzz input "dataset synth_000.nii.gz: a float32 label value 0.5": the message named the case, not the file. */
    @Test
    void aFractionalLabelValueInEvaluationNamesTheFileAndTheVoxel() throws IOException {
        Path label = label("synth_000");
        Volume v = Nifti.read(label);
        float[] values = v.data().clone();
        values[13] = 0.5f;
        Nifti.write(label, v.withData(values), NiftiDatatype.FLOAT32);
        Path predictions = dir.resolve("predictions");
        Files.createDirectories(predictions);
        Nifti.writeLabels(predictions.resolve("synth_000.nii.gz"), v);
        assertOnlyError(CliRun.of("evaluate", "--pred", predictions.toString(), "--truth", data.toString()), label
                + ": label value 0.5 at voxel x=1, y=1, z=0 is not an integer label in 0..255");
        assertFalse(Files.exists(predictions.resolve("evaluation.csv")));
    }

    /** A label map on its image's grid but with another spacing or origin was paired voxel by voxel, silently. */
    @Test
    void aLabelMapWithAnotherSpacingOrOriginThanItsImageIsRefused() throws IOException {
        Path label = label("synth_001");
        Volume v = Nifti.read(label);
        Nifti.writeLabels(label, new Volume(v.data(), v.shape(), new double[] {3, 1, 1}, null));
        Path run = dir.resolve("run");
        assertOnlyError(CliRun.of(train(data, run)), label + ": case synth_001: label spacing 3.00000×1.00000×1.00000"
                + " mm (z, y, x) (pixdim) differs from 1.50000×1.00000×1.00000 mm (z, y, x) of its image"
                + " (synth_001_0000.nii.gz): the labels would not lie on the anatomy they mark");
        assertFalse(Files.exists(run));

        double[] m = {1, 0, 0, 5, 0, 1, 0, 0, 0, 0, 1.5, 0};
        Nifti.writeLabels(label, new Volume(v.data(), v.shape(), v.spacing(), new Geometry(0, 1, m, m,
                new float[6], 1)));
        Volume img = Nifti.read(image("synth_001"));
        double[] origin = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1.5, 0};
        Nifti.write(image("synth_001"), new Volume(img.data(), img.shape(), img.spacing(), new Geometry(0, 1,
                origin, origin, new float[6], 1)));
        assertOnlyError(CliRun.of(train(data, run)), label + ": case synth_001: label sform (srow_x/y/z) [1.00000"
                + " 0.00000 0.00000 5.00000; 0.00000 1.00000 0.00000 0.00000; 0.00000 0.00000 1.50000 0.00000] differs"
                + " from [1.00000 0.00000 0.00000 0.00000; 0.00000 1.00000 0.00000 0.00000; 0.00000 0.00000 1.50000"
                + " 0.00000] of its image (synth_001_0000.nii.gz): the labels would not lie on the anatomy they mark");
    }

    /** Fuzz input "labels = {"0": "bg", "2147483647": "max"}": the class count overflowed into --set classes=0. */
    @Test
    void labelKeysOutside0To255AreRefusedInDatasetJson() throws IOException {
        Path json = data.resolve("dataset.json");
        String text = Files.readString(json);
        Files.writeString(json, text.replace("\"2\" : \"organ2\"", "\"2147483647\" : \"organ2\""));
        assertOnlyError(CliRun.of(train(data, dir.resolve("run"))), json + ": \"labels\" key 2147483647 is outside"
                + " 0..255 (label maps are written as 8-bit values, 0 the background)");
        Files.writeString(json, text.replace("\"2\" : \"organ2\"", "\"2\" : \"organ2\", \"02\" : \"again\""));
        assertOnlyError(CliRun.of(train(data, dir.resolve("run"))), json + ": \"labels\" key \"02\" repeats 2, given"
                + " by another key already");
    }

    /** A case listed twice was found only by preprocessing, after the cases before it were cached in the run. */
    @Test
    void aCaseListedTwiceIsRefusedBeforeAnythingIsRead() throws IOException {
        Path json = data.resolve("dataset.json");
        String text = Files.readString(json);
        String entry = "{\n    \"image\" : \"./imagesTr/synth_001.nii.gz\",\n    \"label\" : \"./labelsTr/synth_001.nii.gz\"\n  }";
        assertTrue(text.contains(entry), text);
        Files.writeString(json, text.replace(entry, entry + ", " + entry));
        assertOnlyError(CliRun.of(train(data, dir.resolve("run"))), json + ": training[2]: case synth_001 is listed"
                + " twice (also training[1]); every case needs its own image name");
        assertFalse(Files.exists(dir.resolve("run")));
    }

    /** Fuzz input "dataset.json is a folder": "no images found" / "no reference" named no file. */
    @Test
    void aFolderNamedDatasetJsonIsNamed() throws IOException {
        Path json = data.resolve("dataset.json");
        Files.delete(json);
        Files.createDirectory(json);
        assertOnlyError(CliRun.of(train(data, dir.resolve("run"))), json + ": is a folder; a Decathlon-style"
                + " dataset needs a dataset.json file here");
    }

    /** Fuzz input "dataset.json "test" = []": predict said "no images found" of the dataset folder. */
    @Test
    void predictOnADatasetWithoutTestCasesNamesDatasetJson() throws IOException {
        Path json = data.resolve("dataset.json");
        String text = Files.readString(json);
        Files.writeString(json, text.substring(0, text.indexOf("\"test\"")) + "\"test\" : [] }");
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("run.json"), """
                {"model": "unetrpp-tiny", "spec": null, "settings": {"classes": "3"}, "dataset": "x",
                 "plan": "plan.json", "classNames": ["background", "a", "b"], "regions": {}}
                """);
        assertOnlyError(CliRun.of("predict", "--run", run.toString(), "--input", data.toString(), "-o",
                dir.resolve("out").toString()), json + ": lists no test cases (\"test\") to segment; give a folder of"
                + " images or one image as --input instead");
    }

    /** Fuzz input "label all voxel bytes 7 gzip cut to 93": the message ended in "(null)". */
    @Test
    void gzipCutInItsTrailerSaysTheStreamEndsEarly() throws IOException {
        Path label = label("synth_000");
        byte[] bytes = Files.readAllBytes(label);
        Files.write(label, Arrays.copyOf(bytes, bytes.length - 4));
        Path predictions = dir.resolve("predictions");
        Files.createDirectories(predictions);
        Files.copy(label("synth_001"), predictions.resolve("synth_000.nii.gz"));
        assertOnlyError(CliRun.of("evaluate", "--pred", predictions.toString(), "--truth", data.toString()), label
                + ": truncated or corrupt gzip data (the stream ends early); the file is damaged, re-create or"
                + " re-download it");
    }

    /** Fuzz inputs "dataset colin27" with a small ch2.nii.gz: "internal error: Index 1440 out of bounds". */
    @Test
    void colin27NeedsTheTemplatesGrid() throws IOException {
        Path mricron = dir.resolve("mricron");
        Files.createDirectories(mricron);
        Files.copy(image("synth_000"), mricron.resolve("ch2.nii.gz"));
        Files.copy(label("synth_000"), mricron.resolve("aal.nii.gz"));
        Path out = dir.resolve("colin27");
        assertOnlyError(CliRun.of("dataset", "colin27", "--mricron", mricron.toString(), "-o", out.toString()),
                mricron.resolve("ch2.nii.gz") + ": grid 10×12×12 (z, y, x) is not the Colin27 template's 181×217×181;"
                        + " the cases are cut at fixed voxel positions of mricron-data's ch2.nii.gz");
        assertFalse(Files.exists(out));
    }

    /** An atlas value that is no AAL region (found reading the fix above) was grouped into the cerebellum. */
    @Test
    void colin27RefusesAtlasValuesThatAreNoRegion() throws IOException {
        Path mricron = dir.resolve("mricron");
        int[] grid = {181, 217, 181};
        float[] zeros = new float[grid[0] * grid[1] * grid[2]];
        Nifti.write(mricron.resolve("ch2.nii.gz"), new Volume(zeros, grid, new double[] {1, 1, 1}, null),
                NiftiDatatype.UINT8);
        float[] atlas = zeros.clone();
        atlas[(2 * grid[1] + 3) * grid[2] + 4] = 200;
        Nifti.write(mricron.resolve("aal.nii.gz"), new Volume(atlas, grid, new double[] {1, 1, 1}, null),
                NiftiDatatype.UINT8);
        Path out = dir.resolve("colin27");
        assertOnlyError(CliRun.of("dataset", "colin27", "--mricron", mricron.toString(), "-o", out.toString()),
                mricron.resolve("aal.nii.gz") + ": value 200.0 at voxel x=4, y=3, z=2 is not an AAL region (0..116)");
        assertFalse(Files.exists(out));
    }

    /** Fuzz input "label byte@754 scl_slope=1.0E-30": overlay gave "internal error: Index -1 out of bounds". */
    @Test
    void overlayRefusesLabelValuesThatAreNoLabel() throws IOException {
        Path label = label("synth_000");
        Volume v = Nifti.read(label);
        float[] values = v.data().clone();
        values[0] = 1e-30f;
        Path scaled = dir.resolve("scaled.nii.gz");
        Nifti.write(scaled, v.withData(values), NiftiDatatype.FLOAT32);
        Path png = dir.resolve("overlay.png");
        assertOnlyError(CliRun.of("overlay", "--image", image("synth_000").toString(), "--labels", scaled.toString(),
                "-o", png.toString()), scaled + ": label value 1.0E-30 at voxel x=0, y=0, z=0 is not an integer label"
                + " in 0..255");
        assertFalse(Files.exists(png));
    }

    /** Fuzz input 2849 of the -Pfuzz run, "dataset no training cases": bench-train failed after making its folder. */
    @Test
    void aDatasetWithoutTrainingCasesIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path json = data.resolve("dataset.json");
        String text = Files.readString(json);
        Files.writeString(json, text.substring(0, text.indexOf("\"training\"")) + "\"training\" : [], "
                + text.substring(text.indexOf("\"test\"")));
        Path work = dir.resolve("bench");
        assertOnlyError(CliRun.of("bench-train", "--data", data.toString(), "-o", work.toString(), "--iters", "1"),
                json + ": lists no training cases (\"training\" is empty); a network needs labelled cases to learn"
                        + " from");
        assertFalse(Files.exists(work));
        assertOnlyError(CliRun.of(train(data, dir.resolve("run"))), json + ": lists no training cases (\"training\""
                + " is empty); a network needs labelled cases to learn from");
        assertFalse(Files.exists(dir.resolve("run")));
    }
}
