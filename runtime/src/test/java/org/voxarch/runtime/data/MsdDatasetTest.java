package org.voxarch.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MsdDatasetTest {
    @TempDir
    Path dir;

    private static Volume volume(int[] shape, float fill) {
        float[] v = new float[shape[0] * shape[1] * shape[2]];
        java.util.Arrays.fill(v, fill);
        return new Volume(v, shape, new double[] {1, 1, 1}, null);
    }

    private void json(String text) throws IOException {
        Files.writeString(dir.resolve("dataset.json"), text);
    }

    private static final String TWO_MODALITIES = """
            {"name": "Toy", "modality": {"0": "T1", "1": "T2"},
             "labels": {"0": "background", "1": "tumour"},
             "training": [{"image": "./imagesTr/a.nii.gz", "label": "./labelsTr/a.nii.gz"}],
             "test": ["./imagesTs/b.nii.gz"]}
            """;

    @Test
    void splitModalityLayoutIsFoundFromTheListedName() throws IOException {
        int[] s = {2, 3, 4};
        Nifti.write(dir.resolve("imagesTr/a_0000.nii.gz"), volume(s, 1));
        Nifti.write(dir.resolve("imagesTr/a_0001.nii.gz"), volume(s, 2));
        Nifti.writeLabels(dir.resolve("labelsTr/a.nii.gz"), volume(s, 1));
        Nifti.write(dir.resolve("imagesTs/b_0000.nii.gz"), volume(s, 3));
        Nifti.write(dir.resolve("imagesTs/b_0001.nii.gz"), volume(s, 4));
        json(TWO_MODALITIES);
        MsdDataset ds = MsdDataset.open(dir);
        assertEquals("Toy", ds.name());
        assertEquals(List.of("T1", "T2"), ds.modalities());
        assertEquals("tumour", ds.labels().get(1));
        DatasetCase a = ds.training().get(0);
        assertEquals("a", a.id());
        assertEquals(List.of(dir.resolve("imagesTr/a_0000.nii.gz"), dir.resolve("imagesTr/a_0001.nii.gz")),
                a.images());
        LoadedCase loaded = ds.read(a);
        assertEquals(2, loaded.channels().size());
        assertEquals(2f, loaded.channels().get(1).data()[0]);
        DatasetCase b = ds.test().get(0);
        assertNull(b.label());
        assertNull(ds.read(b).labels());
    }

    @Test
    void originalFourDimensionalLayoutGivesChannels() throws IOException {
        NiftiBytes four = new NiftiBytes(ByteOrder.LITTLE_ENDIAN, new int[] {2, 1, 1, 2}, 4, 2, new float[] {1, 1, 1});
        Files.createDirectories(dir.resolve("imagesTr"));
        Files.write(dir.resolve("imagesTr/a.nii.gz"), NiftiBytes.gzip(four.file(four.shorts(1, 2, 3, 4))));
        Nifti.writeLabels(dir.resolve("labelsTr/a.nii.gz"), volume(new int[] {1, 1, 2}, 0));
        json(TWO_MODALITIES.replace(", \"test\": [\"./imagesTs/b.nii.gz\"]", "")
                .replace("\"test\": [\"./imagesTs/b.nii.gz\"]", "\"test\": []"));
        MsdDataset ds = MsdDataset.open(dir);
        LoadedCase c = ds.read(ds.training().get(0));
        assertArrayEquals(new float[] {1, 2}, c.channels().get(0).data());
        assertArrayEquals(new float[] {3, 4}, c.channels().get(1).data());
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws IOException {
        json("{\"name\": \"Toy\",\n \"modality\": {\"0\": \"CT\"\n \"labels\": {}}");
        DatasetException e = assertThrows(DatasetException.class, () -> MsdDataset.open(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("dataset.json") + ": malformed JSON at line 3, column 2: "),
                e.getMessage());
    }

    @Test
    void missingFilesNameTheEntryAndPath() throws IOException {
        int[] s = {1, 1, 2};
        Nifti.write(dir.resolve("imagesTr/a_0000.nii.gz"), volume(s, 1));
        json(TWO_MODALITIES);
        DatasetException e = assertThrows(DatasetException.class, () -> MsdDataset.open(dir));
        assertEquals(dir.resolve("dataset.json") + ": training[0].image \"./imagesTr/a.nii.gz\": modality 1 file "
                + dir.resolve("imagesTr/a_0001.nii.gz") + " is missing (2 modalities declared)", e.getMessage());

        Nifti.write(dir.resolve("imagesTr/a_0001.nii.gz"), volume(s, 1));
        DatasetException e2 = assertThrows(DatasetException.class, () -> MsdDataset.open(dir));
        assertEquals(dir.resolve("dataset.json") + ": training[0].label \"./labelsTr/a.nii.gz\": file "
                + dir.resolve("labelsTr/a.nii.gz") + " does not exist", e2.getMessage());

        Nifti.writeLabels(dir.resolve("labelsTr/a.nii.gz"), volume(s, 0));
        DatasetException e3 = assertThrows(DatasetException.class, () -> MsdDataset.open(dir));
        assertEquals(dir.resolve("dataset.json") + ": test[0].image \"./imagesTs/b.nii.gz\": neither "
                + dir.resolve("imagesTs/b.nii.gz") + " nor the split-modality file b_0000.nii.gz exists",
                e3.getMessage());
    }

    @Test
    void imageAndLabelGridsThatDisagreeAreReportedWithBothShapes() throws IOException {
        Nifti.write(dir.resolve("imagesTr/a_0000.nii.gz"), volume(new int[] {2, 3, 4}, 1));
        Nifti.write(dir.resolve("imagesTr/a_0001.nii.gz"), volume(new int[] {2, 3, 4}, 1));
        Nifti.writeLabels(dir.resolve("labelsTr/a.nii.gz"), volume(new int[] {2, 3, 5}, 0));
        json(TWO_MODALITIES.replace("[\"./imagesTs/b.nii.gz\"]", "[]"));
        MsdDataset ds = MsdDataset.open(dir);
        DatasetException e = assertThrows(DatasetException.class, () -> ds.read(ds.training().get(0)));
        assertEquals(dir.resolve("labelsTr/a.nii.gz") + ": case a: label grid 2×3×5 (z, y, x) differs from image"
                + " grid 2×3×4 (z, y, x) (a_0000.nii.gz)", e.getMessage());
    }

    @Test
    void channelCountsThatDoNotFitAreReported() throws IOException {
        Nifti.write(dir.resolve("imagesTr/a_0000.nii.gz"), volume(new int[] {1, 1, 2}, 1));
        Nifti.write(dir.resolve("imagesTr/a_0001.nii.gz"), volume(new int[] {1, 1, 2}, 1));
        Nifti.writeLabels(dir.resolve("labelsTr/a.nii.gz"), volume(new int[] {1, 1, 2}, 0));
        json(TWO_MODALITIES.replace("[\"./imagesTs/b.nii.gz\"]", "[]"));
        MsdDataset ds = MsdDataset.open(dir);
        DatasetException e = assertThrows(DatasetException.class, () -> ds.requireChannels(1, "unetrpp-synapse"));
        assertEquals(dir.resolve("dataset.json") + ": declares 2 modalities [T1, T2] but network unetrpp-synapse"
                + " takes 1 input channel", e.getMessage());
        DatasetException viaPlan = assertThrows(DatasetException.class,
                () -> DatasetPlanner.plan(ds, Benchmarks.synapse(), Progress.NONE));
        assertEquals(e.getMessage(), viaPlan.getMessage());

        // A single listed 3-D file where two modalities are declared.
        Nifti.write(dir.resolve("imagesTr/a.nii.gz"), volume(new int[] {1, 1, 2}, 1));
        MsdDataset single = MsdDataset.open(dir);
        DatasetException e2 = assertThrows(DatasetException.class, () -> single.read(single.training().get(0)));
        assertEquals(dir.resolve("imagesTr/a.nii.gz") + ": case a has 1 image channel but dataset.json declares 2"
                + " modalities [T1, T2]", e2.getMessage());
    }

    @Test
    void nanImagesAreRefusedWhenACaseIsRead() throws IOException {
        float[] v = {1, Float.NaN};
        Nifti.write(dir.resolve("imagesTr/a_0000.nii.gz"), new Volume(v, new int[] {1, 1, 2}, new double[] {1, 1, 1},
                null));
        Nifti.writeLabels(dir.resolve("labelsTr/a.nii.gz"), volume(new int[] {1, 1, 2}, 0));
        json("""
                {"modality": {"0": "CT"}, "labels": {"0": "background"},
                 "training": [{"image": "./imagesTr/a.nii.gz", "label": "./labelsTr/a.nii.gz"}]}
                """);
        MsdDataset ds = MsdDataset.open(dir);
        NiftiException e = assertThrows(NiftiException.class, () -> ds.read(ds.training().get(0)));
        assertEquals(dir.resolve("imagesTr/a_0000.nii.gz") + ": has 1 non-finite value (1 NaN, 0 ±Inf), the first at"
                + " voxel x=1, y=0, z=0; fix the image (or read it allowing non-finite values)", e.getMessage());
    }

    @Test
    void benchmarksCarryTheReferenceNumbers() {
        DatasetConfig s = Benchmarks.synapse();
        assertEquals(14, s.classes());
        assertArrayEquals(new int[] {64, 128, 128}, s.patch());
        assertEquals(2, s.batchSize());
        assertEquals(List.of("spleen", "right kidney", "left kidney", "gallbladder", "liver", "stomach", "aorta",
                "pancreas"), s.evaluated().stream().map(Region::name).toList());
        assertEquals("unetrpp-btcv", Benchmarks.btcv().network());
        assertEquals(14, Benchmarks.btcv().classes());
        DatasetConfig a = Benchmarks.acdc();
        assertEquals(4, a.batchSize());
        assertArrayEquals(new int[] {16, 160, 160}, a.patch());
        assertEquals(List.of(Normalization.Z_SCORE), a.normalization());
        DatasetConfig b = Benchmarks.brats();
        assertEquals(4, b.channels());
        assertEquals(List.of(true, true, true, true), b.useMaskForNorm());
        assertArrayEquals(new int[] {1, 2, 3}, b.evaluated().get(0).labels());
        assertArrayEquals(new int[] {2, 3}, b.evaluated().get(1).labels());
        assertArrayEquals(new int[] {3}, b.evaluated().get(2).labels());
        DatasetConfig l = Benchmarks.lung();
        assertEquals(2, l.classes());
        assertArrayEquals(new int[] {32, 192, 192}, l.patch());
        assertEquals(List.of(Normalization.CT), l.normalization());
        assertEquals("unetrpp-lung", Benchmarks.byName("LUNG").network());
        assertThrows(IllegalArgumentException.class, () -> Benchmarks.byName("kits"));
    }
}
