package org.voxarch.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessingTest {
    @TempDir
    Path dir;

    private static final SyntheticDataset.Spec SMALL = new SyntheticDataset.Spec(new int[] {24, 32, 32},
            new double[] {1.5, 1, 1}, 3, 1);

    @Test
    void syntheticDatasetIsDeterministicAndLabelled() throws IOException {
        MsdDataset a = SyntheticDataset.write(dir.resolve("a"), 7, 2, SMALL);
        SyntheticDataset.write(dir.resolve("b"), 7, 2, SMALL);
        SyntheticDataset.write(dir.resolve("c"), 8, 2, SMALL);
        Path image = Path.of("imagesTr", "synth_000_0000.nii.gz");
        assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(image)),
                Files.readAllBytes(dir.resolve("b").resolve(image)), "same seed, same bytes");
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a").resolve(image)),
                Files.readAllBytes(dir.resolve("c").resolve(image))));
        assertEquals(2, a.training().size());
        assertEquals(1, a.test().size());
        assertTrue(a.test().get(0).labelled());
        LoadedCase c = a.read(a.training().get(0));
        int[] counts = new int[4];
        for (float v : c.labels().data()) {
            counts[(int) v]++;
        }
        for (int k = 1; k <= 3; k++) {
            assertTrue(counts[k] > 50, "organ " + k + " has " + counts[k] + " voxels");
        }
        assertEquals(0f, c.reference().get(0, 0, 0), "outside the body is exactly 0");
    }

    @Test
    void planAndPreprocessedCasesOfASyntheticDataset() {
        MsdDataset ds = SyntheticDataset.write(dir.resolve("data"), 3, 3, SMALL);
        DatasetConfig config = DatasetConfig.forDataset(ds, "unetrpp-acdc", new int[] {16, 32, 32}, 2);
        assertEquals(List.of(Normalization.Z_SCORE), config.normalization());
        DatasetPlan plan = DatasetPlanner.plan(ds, config, Progress.NONE);
        assertArrayEquals(new double[] {1.5, 1, 1}, plan.targetSpacing());
        assertEquals(-1, plan.lowResolutionAxis());
        assertEquals(3, plan.trainingCases());
        Preprocessor pre = new Preprocessor(plan);
        LoadedCase raw = ds.read(ds.training().get(0));
        PreprocessedCase p = pre.preprocess(raw);
        CropBox box = CropBox.nonZero(List.of(raw.reference().data()), raw.reference().shape());
        assertArrayEquals(box.shape(), p.shape(), "same spacing: cropped, not resampled");
        assertArrayEquals(box.start(), p.properties().cropStart());
        assertTrue(box.voxels() < raw.reference().voxels(), "the body does not fill the grid");
        byte[] labels = box.crop(Preprocessor.labelBytes(null, raw.labels()), raw.reference().shape());
        assertArrayEquals(labels, p.labels());
        double mean = 0;
        for (float v : p.images()[0]) {
            mean += v;
        }
        mean /= p.voxels();
        double var = 0;
        for (float v : p.images()[0]) {
            var += (v - mean) * (v - mean);
        }
        assertEquals(0, mean, 1e-4);
        assertEquals(1, Math.sqrt(var / p.voxels()), 1e-4);
    }

    /** Two 1×1×100 CT cases, every voxel foreground, values 1..100 and 101..200. */
    private MsdDataset ctDataset() {
        MsdWriter w = new MsdWriter(dir.resolve("ct"));
        for (int c = 0; c < 2; c++) {
            float[] v = new float[100];
            float[] l = new float[100];
            for (int i = 0; i < 100; i++) {
                v[i] = 100 * c + i + 1;
                l[i] = 1;
            }
            Volume image = new Volume(v, new int[] {1, 1, 100}, new double[] {1, 1, 1}, null);
            w.writeCase("ct" + c, true, List.of(image), NiftiDatatype.INT16, image.withData(l));
        }
        w.writeDescriptor("CT", "", List.of("CT"), Map.of(0, "background", 1, "x"), List.of("ct0", "ct1"), List.of());
        return MsdDataset.open(dir.resolve("ct"));
    }

    @Test
    void aConfiguredTargetSpacingReplacesThePlannedOneAndResamples() {
        MsdDataset ds = SyntheticDataset.write(dir.resolve("data"), 3, 3, SMALL);
        DatasetConfig planned = DatasetConfig.forDataset(ds, "unetrpp-acdc", new int[] {16, 32, 32}, 2);
        DatasetConfig coarse = planned.withTargetSpacing(new double[] {3, 2, 2});
        assertNotEquals(DatasetPlanner.fingerprint(ds, planned), DatasetPlanner.fingerprint(ds, coarse),
                "a cached plan of the other spacing must not be reused");
        DatasetPlan plan = DatasetPlanner.plan(ds, coarse, Progress.NONE);
        assertArrayEquals(new double[] {3, 2, 2}, plan.targetSpacing());
        assertArrayEquals(new double[] {1.5, 1, 1}, plan.medianSpacing(), "the data's own spacing is still reported");
        LoadedCase raw = ds.read(ds.training().get(0));
        PreprocessedCase p = new Preprocessor(plan).preprocess(raw);
        CropBox box = CropBox.nonZero(List.of(raw.reference().data()), raw.reference().shape());
        for (int a = 0; a < 3; a++) {
            assertEquals(Math.round(box.shape()[a] / 2.0), p.shape()[a], 1, "axis " + a + " halved");
        }
        assertThrows(IllegalArgumentException.class, () -> planned.withTargetSpacing(new double[] {1, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> planned.withTargetSpacing(new double[] {1, 1}));
    }

    @Test
    void ctStatisticsUseEveryTenthForegroundVoxel() {
        MsdDataset ds = ctDataset();
        DatasetConfig config = DatasetConfig.forDataset(ds, "unetrpp-lung", new int[] {1, 1, 64}, 1);
        DatasetPlan plan = DatasetPlanner.plan(ds, config, Progress.NONE);
        ChannelPlan ct = plan.channels().get(0);
        // Samples 1, 11, ..., 191: 20 values 10 apart.
        assertEquals(20, ct.samples());
        assertEquals(96, ct.mean(), 1e-9);
        assertEquals(10 * Math.sqrt((20 * 20 - 1) / 12.0), ct.std(), 1e-9);
        assertEquals(1.95, ct.lower(), 1e-9, "0.5th percentile: rank 0.095 between 1 and 11");
        assertEquals(190.05, ct.upper(), 1e-9, "99.5th percentile: rank 18.905 between 181 and 191");
        PreprocessedCase p = new Preprocessor(plan).preprocess(ds.read(ds.training().get(0)));
        assertEquals((1.95 - 96) / ct.std(), p.images()[0][0], 1e-5, "clipped to the lower percentile");
        assertEquals((100 - 96) / ct.std(), p.images()[0][99], 1e-5);
    }

    @Test
    void anisotropicTargetSpacingTakesTheTenthPercentile() {
        // Coarse z (5 mm, few slices) against 0.8 mm in-plane: the target z is the 10th percentile of the z spacings.
        assertEquals(0, DatasetPlanner.anisotropicAxis(new double[] {5, 0.8, 0.8}, new double[] {40, 512, 512}));
        assertEquals(-1, DatasetPlanner.anisotropicAxis(new double[] {5, 0.8, 0.8}, new double[] {200, 512, 512}),
                "many slices: not anisotropic in voxels");
        assertEquals(-1, DatasetPlanner.anisotropicAxis(new double[] {2, 0.8, 0.8}, new double[] {40, 512, 512}));
        double[][] spacings = {{5, .8, .8}, {4, .8, .8}, {3, .8, .8}, {5, .8, .8}, {6, .8, .8}};
        assertEquals(3.4, FloatSamples.columnPercentile(spacings, 0, 10), 1e-12);
    }

    @Test
    void maskedZScoreLeavesTheOutsideAtZero() {
        float[] v = new float[6 * 6 * 6];
        float[] l = new float[v.length];
        for (int z = 1; z < 5; z++) {
            for (int y = 1; y < 5; y++) {
                for (int x = 1; x < 5; x++) {
                    v[(z * 6 + y) * 6 + x] = 10 + x + y * z;
                }
            }
        }
        v[0] = 7; // a lone voxel keeps the crop at the whole grid
        Volume image = new Volume(v, new int[] {6, 6, 6}, new double[] {1, 1, 1}, null);
        ChannelPlan masked = new ChannelPlan("T1", Normalization.Z_SCORE, true, 0, 0, 0, 0, 0);
        DatasetPlan plan = new DatasetPlan(DatasetPlan.VERSION, "m", "m", "", new double[] {1, 1, 1},
                new double[] {1, 1, 1}, new double[] {6, 6, 6}, -1, List.of(masked), 1);
        PreprocessedCase p = new Preprocessor(plan).preprocess("m", List.of(image), image.withData(l));
        float[] out = p.images()[0];
        assertArrayEquals(new int[] {5, 5, 5}, p.shape(), "cropped to the non-zero box (0..4)³");
        float[] cropped = new CropBox(p.properties().cropStart(), p.shape()).crop(v, image.shape());
        double sum = 0;
        int inside = 0;
        for (int i = 0; i < out.length; i++) {
            if (cropped[i] == 0) {
                assertEquals(0f, out[i], "outside the mask stays 0");
            } else {
                sum += out[i];
                inside++;
            }
        }
        assertEquals(65, inside);
        assertEquals(0, sum / inside, 1e-5);
    }

    @Test
    void anisotropicCasesResampleTheCoarseAxisWithNearestNeighbours() {
        float[] v = new float[4 * 8 * 8];
        float[] l = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1 + (i % 7);
            l[i] = (i / 64) % 2;
        }
        Volume image = new Volume(v, new int[] {4, 8, 8}, new double[] {4, 1, 1}, null);
        ChannelPlan z = new ChannelPlan("MRI", Normalization.Z_SCORE, false, 0, 0, 0, 0, 0);
        DatasetPlan plan = new DatasetPlan(DatasetPlan.VERSION, "a", "a", "", new double[] {2, 1, 1},
                new double[] {4, 1, 1}, new double[] {4, 8, 8}, 0, List.of(z), 1);
        PreprocessedCase p = new Preprocessor(plan).preprocess("a", List.of(image), image.withData(l));
        assertArrayEquals(new int[] {8, 8, 8}, p.shape());
        for (int slice = 0; slice < 8; slice++) {
            assertEquals(p.images()[0][slice / 2 * 2 * 64 + 5], p.images()[0][slice * 64 + 5],
                    "slices 2k and 2k+1 are copies of input slice k");
            assertEquals((slice / 2) % 2, p.labels()[slice * 64 + 9]);
        }
    }

    @Test
    void preprocessedCasesAreCachedAndRedoneWhenTheirFilesChange() throws IOException {
        MsdDataset ds = SyntheticDataset.write(dir.resolve("data"), 5, 3, SMALL);
        DatasetConfig config = DatasetConfig.forDataset(ds, "unetrpp-acdc", new int[] {16, 32, 32}, 2);
        Path cache = dir.resolve("cache");
        long[] last = new long[2];
        PreprocessedDataset first = PreprocessedDataset.prepare(ds, config, cache, (done, total) -> {
            last[0] = done;
            last[1] = total;
        });
        assertEquals(0, first.reused());
        assertEquals(3 + 4, last[1], "3 planning reads and 4 cases");
        assertEquals(last[1], last[0]);
        assertTrue(Files.isRegularFile(cache.resolve("plan.json")));
        assertEquals(first.plan().toJson(), DatasetPlan.read(cache.resolve("plan.json")).toJson());
        PreprocessedCase loaded = first.load("synth_000");
        PreprocessedCase direct = new Preprocessor(first.plan()).preprocess(ds.read(ds.training().get(0)));
        assertArrayEquals(direct.images()[0], loaded.images()[0]);
        assertArrayEquals(direct.labels(), loaded.labels());
        assertArrayEquals(direct.properties().cropStart(), loaded.properties().cropStart());
        assertArrayEquals(direct.properties().geometry().sform(), loaded.properties().geometry().sform(), 0);
        assertTrue(first.load("synth_003").labelled(), "the test list names labels");

        PreprocessedDataset second = PreprocessedDataset.prepare(MsdDataset.open(dir.resolve("data")), config, cache,
                Progress.NONE);
        assertEquals(4, second.reused());
        assertEquals(first.file("synth_001"), second.file("synth_001"));

        Path changed = ds.test().get(0).images().get(0);
        Files.setLastModifiedTime(changed, FileTime.fromMillis(Files.getLastModifiedTime(changed).toMillis() + 5000));
        PreprocessedDataset third = PreprocessedDataset.prepare(MsdDataset.open(dir.resolve("data")), config, cache,
                Progress.NONE);
        assertEquals(3, third.reused(), "only the test case whose file changed is redone");
        assertNotEquals(first.file("synth_003"), third.file("synth_003"));
        assertFalse(Files.exists(first.file("synth_003")), "the stale file is removed");
        assertEquals(first.plan().fingerprint(), third.plan().fingerprint(), "test files do not change the plan");
        try (Stream<Path> files = Files.walk(cache)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void aNanImageStopsPreparationWithoutLeavingPartialFiles() {
        MsdDataset ds = SyntheticDataset.write(dir.resolve("data"), 9, 2, SMALL);
        Path bad = ds.training().get(1).images().get(0);
        Volume v = Nifti.read(bad);
        float[] values = v.data().clone();
        values[v.index(3, 4, 5)] = Float.NaN;
        Nifti.write(bad, v.withData(values));
        DatasetConfig config = DatasetConfig.forDataset(ds, "unetrpp-acdc", new int[] {16, 32, 32}, 2);
        Path cache = dir.resolve("cache");
        NiftiException e = assertThrows(NiftiException.class,
                () -> PreprocessedDataset.prepare(MsdDataset.open(dir.resolve("data")), config, cache, Progress.NONE));
        assertEquals(bad + ": has 1 non-finite value (1 NaN, 0 ±Inf), the first at voxel x=5, y=4, z=3; fix the image"
                + " (or read it allowing non-finite values)", e.getMessage());
        assertFalse(Files.exists(cache.resolve("plan.json")), "planning failed: no plan");
        assertFalse(Files.exists(cache.resolve("cases")), "nothing half-written");
    }
}
