package org.voxarch.runtime.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.data.Progress;
import org.voxarch.runtime.nn.Conv3d;
import org.voxarch.runtime.nn.Inference;

class SlidingWindowPredictorTest {
    private static final int CLASSES = 4;

    private static float[] randomLabels(int[] shape, long seed) {
        Random rng = new Random(seed);
        float[] v = new float[shape[0] * shape[1] * shape[2]];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(CLASSES);
        }
        return v;
    }

    private static void assertReproducesLabels(int[] shape, int[] patch, boolean mirror, int batch) {
        float[] labels = randomLabels(shape, shape[0] * 31L + shape[2]);
        SlidingWindowPredictor predictor = new SlidingWindowPredictor(FakeNetworks.labelEcho(CLASSES),
                SlidingWindowPredictor.Options.of(patch, CLASSES).withMirror(mirror).withBatchSize(batch));
        List<long[]> reports = new ArrayList<>();
        try (ClassProbabilities p = predictor.predict(new float[][] {labels}, shape,
                (done, total) -> reports.add(new long[] {done, total}))) {
            assertArrayEquals(shape, p.shape());
            assertEquals(CLASSES, p.classes());
            byte[] argmax = p.argmax();
            for (int i = 0; i < labels.length; i++) {
                assertEquals((int) labels[i], argmax[i], "voxel " + i);
            }
            float[] sum = new float[p.voxels()];
            for (int k = 0; k < CLASSES; k++) {
                float[] c = p.channel(k);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += c[i];
                }
            }
            for (float s : sum) {
                assertEquals(1f, s, 1e-5f);
            }
        }
        int windows = predictor.windowCount(shape);
        assertEquals(windows, reports.get(reports.size() - 1)[0]);
        assertEquals(windows, reports.get(0)[1]);
        assertEquals((windows + batch - 1) / batch, reports.size());
    }

    @Test
    void aLabelEchoingNetworkIsReproducedExactly() {
        assertReproducesLabels(new int[] {20, 37, 41}, new int[] {16, 16, 16}, false, 1);
    }

    @Test
    void mirroringAndBatchingChangeNothingForAnEquivariantNetwork() {
        assertReproducesLabels(new int[] {20, 37, 41}, new int[] {16, 16, 16}, true, 3);
    }

    @Test
    void aPatchLargerThanTheImageIsPaddedAndCroppedBack() {
        assertReproducesLabels(new int[] {5, 12, 40}, new int[] {8, 16, 16}, true, 2);
        assertReproducesLabels(new int[] {3, 4, 5}, new int[] {8, 16, 16}, false, 1);
    }

    @Test
    void aNetworkWithTheWrongOutputShapeIsReported() {
        Function<Tensor, Tensor[]> wrong = x -> new Tensor[] {x};
        SlidingWindowPredictor p = new SlidingWindowPredictor(wrong, SlidingWindowPredictor.Options.of(
                new int[] {4, 4, 4}, 3));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> p.predict(new float[][] {new float[64]}, new int[] {4, 4, 4}, Progress.NONE));
        assertEquals("the network's first output has shape [1, 1, 4, 4, 4] for input [1, 1, 4, 4, 4]; expected"
                + " [1, 3, 4, 4, 4] (batch, classes, patch)", e.getMessage());
    }

    @Test
    void inferenceModeGivesTheSameProbabilitiesAsNoGrad() {
        Conv3d conv = new Conv3d(1, CLASSES, new long[] {3, 3, 3}, new long[] {1, 1, 1}, new long[] {1, 1, 1}, true);
        Function<Tensor, Tensor[]> net = x -> new Tensor[] {conv.forward(x)};
        int[] shape = {12, 20, 18};
        float[] image = randomLabels(shape, 5);
        SlidingWindowPredictor predictor = new SlidingWindowPredictor(net,
                SlidingWindowPredictor.Options.of(new int[] {8, 16, 16}, CLASSES).withBatchSize(2));
        float[][] modes = new float[2][];
        try {
            for (int m = 0; m < 2; m++) {
                Inference.enable(m == 0);
                try (ClassProbabilities p = predictor.predict(new float[][] {image}, shape, Progress.NONE)) {
                    modes[m] = p.channel(1);
                }
            }
        } finally {
            Inference.enable(true);
            conv.close();
        }
        assertArrayEquals(modes[1], modes[0], 1e-6f);
    }

    @Test
    void windowsPerSecondWithASmallConvolution() {
        Conv3d conv = new Conv3d(1, CLASSES, new long[] {3, 3, 3}, new long[] {1, 1, 1}, new long[] {1, 1, 1}, true);
        Function<Tensor, Tensor[]> net = x -> new Tensor[] {conv.forward(x)};
        int[] shape = {48, 96, 96};
        int[] patch = {32, 64, 64};
        float[] image = randomLabels(shape, 1);
        for (boolean mirror : new boolean[] {false, true}) {
            SlidingWindowPredictor predictor = new SlidingWindowPredictor(net,
                    SlidingWindowPredictor.Options.of(patch, CLASSES).withMirror(mirror).withBatchSize(2));
            long start = System.nanoTime();
            try (ClassProbabilities p = predictor.predict(new float[][] {image}, shape, Progress.NONE)) {
                assertEquals(shape[0] * shape[1] * shape[2], p.voxels());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int windows = predictor.windowCount(shape);
            System.out.printf("sliding window, 1→4-channel 3×3×3 conv, patch 32×64×64, mirror %s: %d windows in"
                    + " %.2f s = %.1f windows/s%n", mirror, windows, seconds, windows / seconds);
            assertEquals(2 * 2 * 2, windows, "ceil((96 − 64) / 32) + 1 = 2 per axis");
        }
    }
}
