package org.voxarch.runtime.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.data.ChannelPlan;
import org.voxarch.runtime.data.DatasetPlan;
import org.voxarch.runtime.data.Geometry;
import org.voxarch.runtime.data.Nifti;
import org.voxarch.runtime.data.Normalization;
import org.voxarch.runtime.data.PreprocessedCase;
import org.voxarch.runtime.data.Preprocessor;
import org.voxarch.runtime.data.Progress;
import org.voxarch.runtime.data.Region;
import org.voxarch.runtime.data.Volume;
import org.voxarch.runtime.metrics.SegmentationMetrics;

class ResultExporterTest {
    private static final int CLASSES = 3;

    @TempDir
    Path dir;

    /**
     * An image whose value is its label + 1 inside a box (so that cropping has a border to remove) and whose labels
     * are two overlapping blocks.
     */
    private static Volume[] caseOnGrid(int[] shape, double[] spacing) {
        float[] image = new float[shape[0] * shape[1] * shape[2]];
        float[] labels = new float[image.length];
        for (int z = 2; z < shape[0] - 1; z++) {
            for (int y = 3; y < shape[1] - 2; y++) {
                for (int x = 1; x < shape[2] - 4; x++) {
                    int i = (z * shape[1] + y) * shape[2] + x;
                    int label = x > shape[2] / 3 && y < 2 * shape[1] / 3 ? 1 : 0;
                    label = z > shape[0] / 2 && x > shape[2] / 2 ? 2 : label;
                    labels[i] = label;
                    image[i] = label + 1;
                }
            }
        }
        Geometry g = new Geometry(1, 1, new double[12], new double[] {spacing[2], 0, 0, 7, 0, spacing[1], 0, -3, 0, 0,
            spacing[0], 11}, new float[] {0, 0, 0, 7, -3, 11}, 1f);
        Volume img = new Volume(image, shape, spacing, g);
        return new Volume[] {img, img.withData(labels)};
    }

    private static DatasetPlan plan(double[] target) {
        // No intensity change, so the echo network sees label + 1 and can subtract 1... it reads labels instead.
        ChannelPlan c = new ChannelPlan("MRI", Normalization.Z_SCORE, false, 0, 0, 0, 0, 0);
        return new DatasetPlan(DatasetPlan.VERSION, "t", "t", "", target, target, new double[3], -1, List.of(c), 1);
    }

    /** Predicts with the echo network fed the preprocessed labels, then exports back. */
    private static byte[] roundTrip(Volume[] data, double[] target) {
        PreprocessedCase p = new Preprocessor(plan(target)).preprocess("c", List.of(data[0]), data[1]);
        float[] labelChannel = new float[p.voxels()];
        for (int i = 0; i < labelChannel.length; i++) {
            labelChannel[i] = p.labels()[i];
        }
        SlidingWindowPredictor predictor = new SlidingWindowPredictor(FakeNetworks.labelEcho(CLASSES),
                SlidingWindowPredictor.Options.of(new int[] {8, 16, 16}, CLASSES));
        try (ClassProbabilities probabilities = predictor.predict(new float[][] {labelChannel}, p.shape(),
                Progress.NONE)) {
            return ResultExporter.toOriginalGrid(probabilities, p);
        }
    }

    private static byte[] bytes(Volume labels) {
        byte[] out = new byte[labels.voxels()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) labels.data()[i];
        }
        return out;
    }

    @Test
    void withoutResamplingCropAndPasteGiveTheLabelsBackExactly() {
        int[] shape = {12, 30, 28};
        double[] spacing = {2.5, 0.8, 0.8};
        Volume[] data = caseOnGrid(shape, spacing);
        assertArrayEquals(bytes(data[1]), roundTrip(data, spacing));
    }

    @Test
    void throughResamplingTheLabelsComeBackOnTheOriginalGrid() {
        int[] shape = {12, 40, 36};
        double[] spacing = {4.0, 0.8, 0.8}; // anisotropic: z is resampled separately with order 0
        Volume[] data = caseOnGrid(shape, spacing);
        byte[] back = roundTrip(data, new double[] {2.0, 1.2, 1.2});
        byte[] original = bytes(data[1]);
        assertEquals(original.length, back.length);
        for (int i = 0; i < original.length; i++) {
            if (data[0].data()[i] == 0) {
                assertEquals(0, back[i], "outside the crop box or the labelled block: background");
            }
        }
        for (int label = 1; label < CLASSES; label++) {
            double dice = SegmentationMetrics.dice(SegmentationMetrics.mask(back, Region.of("c", label)),
                    SegmentationMetrics.mask(original, Region.of("c", label)));
            assertTrue(dice > 0.95, "label " + label + " Dice " + dice);
        }
    }

    @Test
    void exportedFilesCarryTheInputGeometry() {
        int[] shape = {12, 30, 28};
        double[] spacing = {2.5, 0.8, 0.8};
        Volume[] data = caseOnGrid(shape, spacing);
        PreprocessedCase p = new Preprocessor(plan(spacing)).preprocess("c", List.of(data[0]), data[1]);
        float[] labelChannel = new float[p.voxels()];
        for (int i = 0; i < labelChannel.length; i++) {
            labelChannel[i] = p.labels()[i];
        }
        Path out = dir.resolve("pred/c.nii.gz");
        try (ClassProbabilities probabilities = new SlidingWindowPredictor(FakeNetworks.labelEcho(CLASSES),
                SlidingWindowPredictor.Options.of(new int[] {8, 16, 16}, CLASSES)).predict(
                        new float[][] {labelChannel}, p.shape(), Progress.NONE)) {
            ResultExporter.export(probabilities, p, out);
        }
        Volume written = Nifti.read(out);
        assertArrayEquals(data[1].data(), written.data());
        assertArrayEquals(spacing, written.spacing(), 1e-6);
        assertArrayEquals(data[0].geometry().sform(), written.geometry().sform(), 1e-6);
        assertEquals(1, written.geometry().qformCode());
    }
}
