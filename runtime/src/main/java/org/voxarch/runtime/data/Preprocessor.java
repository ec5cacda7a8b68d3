package org.voxarch.runtime.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a case as read from disk into a {@link PreprocessedCase} (reference §3.3, nnU-Net v1's
 * {@code GenericPreprocessor}):
 *
 * <ol>
 *   <li>crop to the box of voxels non-zero in any channel;</li>
 *   <li>resample to the plan's target spacing: images with order 3 ({@link Resampling.Order#CUBIC}), labels
 *       per label with order 1 (linear on the one-hot indicator, threshold 0.5), and when the spacing is
 *       anisotropic (&gt; 3) the low-resolution axis on its own with order 0;</li>
 *   <li>normalise each channel as its {@link ChannelPlan} says (CT clip + dataset z-score, or per-image z-score,
 *       masked where configured).</li>
 * </ol>
 *
 * Not done here: nnU-Net's axis transposition (this project's data is already (z, y, x) with z the through-plane
 * axis).
 */
public final class Preprocessor {
    private final DatasetPlan plan;

    /** @param plan the dataset statistics and target spacing */
    public Preprocessor(DatasetPlan plan) {
        this.plan = plan;
    }

    /** @return the plan this preprocessor applies */
    public DatasetPlan plan() {
        return plan;
    }

    /** Preprocesses a case read with {@link MsdDataset#read}. */
    public PreprocessedCase preprocess(LoadedCase c) {
        return preprocess(c.id(), c.channels(), c.labels(), c.source().label());
    }

    /**
     * Preprocesses image channels (and optionally their labels) given directly.
     *
     * @param labels the label map on the image grid, or null
     * @throws DatasetException if the channels do not match the plan or a grid differs
     */
    public PreprocessedCase preprocess(String id, List<Volume> channels, Volume labels) {
        return preprocess(id, channels, labels, null);
    }

    private PreprocessedCase preprocess(String id, List<Volume> channels, Volume labels, Path labelFile) {
        if (channels.size() != plan.channels().size()) {
            throw new DatasetException(labelFile, "case " + id + " has " + channels.size() + " channels, the plan "
                    + plan.channels().size());
        }
        Volume reference = channels.get(0);
        int[] shape = reference.shape();
        for (Volume v : channels) {
            requireGrid(id, labelFile, reference, v, "a channel");
        }
        if (labels != null) {
            requireGrid(id, labelFile, reference, labels, "the labels");
        }
        List<float[]> data = channels.stream().map(Volume::data).toList();
        CropBox box = CropBox.nonZero(data, shape);
        double[] spacing = reference.spacing();
        double[] target = plan.targetSpacing();
        int[] newShape = Resampling.shapeForSpacing(box.shape(), spacing, target);
        Resampling.Order[] imageOrders = Resampling.axisOrders(spacing, target, Resampling.Order.CUBIC);
        Resampling.Order[] labelOrders = Resampling.axisOrders(spacing, target, Resampling.Order.LINEAR);

        byte[] mask = null;
        if (plan.channels().stream().anyMatch(ChannelPlan::useMask)) {
            List<float[]> cropped = data.stream().map(d -> box.crop(d, shape)).toList();
            mask = NonZeroMask.of(cropped, box.shape());
            mask = Resampling.resizeLabels(mask, box.shape(), newShape, labelOrders);
        }
        float[][] images = new float[channels.size()][];
        for (int k = 0; k < images.length; k++) {
            float[] cropped = box.crop(data.get(k), shape);
            float[] resampled = Resampling.resize(cropped, box.shape(), newShape, imageOrders);
            IntensityNormalizer.apply(resampled, plan.channels().get(k), mask);
            images[k] = resampled;
        }
        byte[] labelBytes = null;
        if (labels != null) {
            byte[] cropped = box.crop(labelBytes(labelFile, labels), shape);
            labelBytes = Resampling.resizeLabels(cropped, box.shape(), newShape, labelOrders);
        }
        CaseProperties properties = new CaseProperties(shape, spacing, box.start(), box.shape(), reference.geometry());
        return new PreprocessedCase(id, images, labelBytes, newShape, target, properties);
    }

    private static void requireGrid(String id, Path file, Volume reference, Volume other, String what) {
        if (!reference.sameGrid(other)) {
            throw new DatasetException(file, "case " + id + ": " + what + " grid " + Arrays.toString(other.shape())
                    + " differs from the image grid " + Arrays.toString(reference.shape()) + " (z, y, x)");
        }
    }

    /**
     * @return the labels as unsigned bytes
     * @throws DatasetException naming {@code file} if a value is not an integer in 0..255
     */
    static byte[] labelBytes(Path file, Volume labels) {
        float[] v = labels.data();
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            float l = v[i];
            if (!(l >= 0 && l <= 255) || l != Math.rint(l)) {
                int[] s = labels.shape();
                throw new DatasetException(file, "label value " + l + " at voxel x=" + i % s[2] + ", y="
                        + (i / s[2]) % s[1] + ", z=" + i / (s[1] * s[2]) + " is not an integer in 0..255");
            }
            out[i] = (byte) (int) l;
        }
        return out;
    }
}
