package org.voxarch.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.TestTensors;
import org.voxarch.runtime.data.PreprocessedCase;
import org.voxarch.runtime.nn.Ops;

class BatchLoaderTest {
    private static final int[] PATCH = {16, 16, 16};
    private static final List<PreprocessedCase> CASES = TrainFixtures.boxCases("case", 3, new int[] {20, 24, 28}, 3,
            21);

    private static BatchLoader loader(int threads, long seed) {
        return new BatchLoader(CASES, new PatchSampler(PATCH, 0.125), Augmentations.reference(false), 2, 0.33, seed,
                threads, 2 * threads);
    }

    private static List<Batch> drain(BatchLoader loader, int epoch, int count) {
        List<Batch> out = new ArrayList<>();
        try (BatchLoader.Batches batches = loader.open(epoch, 0, count)) {
            while (batches.hasNext()) {
                out.add(batches.next());
            }
        }
        return out;
    }

    @Test
    void batchesAreTheSameWhateverTheThreadCount() {
        List<Batch> single;
        List<Batch> several;
        try (BatchLoader one = loader(1, 5); BatchLoader three = loader(3, 5)) {
            single = drain(one, 4, 8);
            several = drain(three, 4, 8);
            for (int i = 0; i < 8; i++) {
                assertEquals(i, several.get(i).iteration(), "in order");
                assertArrayEquals(single.get(i).imageArray(), several.get(i).imageArray(), "images of " + i);
                assertArrayEquals(single.get(i).labelArray(), several.get(i).labelArray(), "labels of " + i);
                assertEquals(single.get(i).caseIds(), several.get(i).caseIds());
                Batch direct = one.load(4, i);
                assertArrayEquals(direct.imageArray(), several.get(i).imageArray(), "synchronous load of " + i);
            }
            // Another epoch or seed draws other batches.
            assertFalse(Arrays.equals(single.get(0).imageArray(), one.load(5, 0).imageArray()));
        }
        try (BatchLoader other = loader(1, 6)) {
            assertFalse(Arrays.equals(single.get(0).imageArray(), other.load(4, 0).imageArray()));
        }
    }

    @Test
    void aWorkerFailureNamesTheCase() {
        PatchTransform broken = (patch, rng) -> {
            throw new IllegalStateException("corrupt voxels");
        };
        List<PreprocessedCase> one = List.of(TrainFixtures.boxes("img0042", new int[] {20, 20, 20}, 3, 1));
        try (BatchLoader loader = new BatchLoader(one, new PatchSampler(PATCH, 0),
                new Augmentations(SpatialTransform.none(), List.of(broken)), 2, 0.33, 1, 2, 2);
             BatchLoader.Batches batches = loader.open(3, 0, 4)) {
            BatchLoadingException e = assertThrows(BatchLoadingException.class, batches::next);
            assertEquals("img0042", e.caseId());
            assertTrue(e.getMessage().contains("case img0042 (epoch 3, iteration 0)"), e.getMessage());
            assertTrue(e.getMessage().contains("corrupt voxels"), e.getMessage());
            assertInstanceOf(IllegalStateException.class, rootCause(e));
        }
    }

    @Test
    void closingStopsTheThreads() throws InterruptedException {
        int before = loaderThreads();
        BatchLoader loader = loader(3, 1);
        try (BatchLoader.Batches batches = loader.open(0, 0, 20)) {
            batches.next(); // leave most batches queued or in the making
        }
        loader.close();
        for (int i = 0; i < 50 && loaderThreads() > before; i++) {
            Thread.sleep(20);
        }
        assertEquals(before, loaderThreads());
    }

    @Test
    void batchTensorsHaveTheContractShapesAndTypes() {
        try (BatchLoader loader = loader(1, 2)) {
            Batch b = loader.load(0, 0);
            Tensor images = b.images();
            Tensor labels = b.labels();
            assertArrayEquals(new long[] {2, 1, 16, 16, 16}, Ops.shape(images));
            assertArrayEquals(new long[] {2, 16, 16, 16}, Ops.shape(labels));
            assertEquals(ScalarType.Float, images.scalar_type().intern());
            assertEquals(ScalarType.Long, labels.scalar_type().intern());
            float[] values = TestTensors.floats(images);
            assertArrayEquals(b.imageArray(), values);
            long[] classes = TestTensors.longs(labels);
            for (int i = 0; i < classes.length; i++) {
                assertEquals(b.labelArray()[i] & 0xFF, classes[i]);
            }
        }
    }

    @Test
    void invalidCasesAreRefusedUpFront() {
        PreprocessedCase unlabelled = TrainFixtures.of("nolabels", new float[][] {new float[8]}, null,
                new int[] {2, 2, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchLoader(
                List.of(unlabelled), new PatchSampler(PATCH, 0), Augmentations.none(), 2, 0.33, 1, 1, 1));
        assertTrue(e.getMessage().contains("nolabels"), e.getMessage());
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static int loaderThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("voxarch-loader-") && t.isAlive()).count();
    }
}
