package org.voxarch.runtime.infer;

import java.nio.file.Path;

import org.voxarch.runtime.data.CaseProperties;
import org.voxarch.runtime.data.CropBox;
import org.voxarch.runtime.data.Nifti;
import org.voxarch.runtime.data.PreprocessedCase;
import org.voxarch.runtime.data.Resampling;
import org.voxarch.runtime.data.Volume;

/**
 * Brings a prediction from the preprocessed grid back to the original image (reference §3.9, export): each class's
 * probabilities are resampled to the cropped box of the original grid with order 1 (and, when the spacing is
 * anisotropic, order 0 along the low-resolution axis), the most probable class is taken per voxel, and the box is
 * pasted into a zero grid of the original size. The label map is written as NIfTI with the input image's geometry.
 */
public final class ResultExporter {
    private ResultExporter() {
    }

    /**
     * @param probabilities the prediction on the preprocessed grid
     * @param spacing       the preprocessed grid's spacing (z, y, x)
     * @param properties    the original grid, spacing and crop
     * @return labels (unsigned bytes) on the original grid, 0 outside the crop
     */
    public static byte[] toOriginalGrid(ClassProbabilities probabilities, double[] spacing, CaseProperties properties) {
        int[] cropShape = properties.cropShape();
        Resampling.Order[] orders = Resampling.axisOrders(properties.originalSpacing(), spacing,
                Resampling.Order.LINEAR);
        int n = cropShape[0] * cropShape[1] * cropShape[2];
        float[] best = new float[n];
        byte[] labels = new byte[n];
        for (int k = 0; k < probabilities.classes(); k++) {
            float[] resized = Resampling.resize(probabilities.channel(k), probabilities.shape(), cropShape, orders);
            for (int i = 0; i < n; i++) {
                if (k == 0 || resized[i] > best[i]) {
                    best[i] = resized[i];
                    labels[i] = (byte) k;
                }
            }
        }
        return new CropBox(properties.cropStart(), cropShape).paste(labels, properties.originalShape());
    }

    /** As {@link #toOriginalGrid(ClassProbabilities, double[], CaseProperties)} for a preprocessed case. */
    public static byte[] toOriginalGrid(ClassProbabilities probabilities, PreprocessedCase c) {
        return toOriginalGrid(probabilities, c.spacing(), c.properties());
    }

    /** @return labels on the original grid as a volume with the original spacing and geometry */
    public static Volume labelVolume(byte[] labels, CaseProperties properties) {
        float[] values = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            values[i] = labels[i] & 0xFF;
        }
        return new Volume(values, properties.originalShape(), properties.originalSpacing(), properties.geometry());
    }

    /**
     * Writes labels on the original grid as a uint8 NIfTI carrying the original image's geometry, atomically.
     *
     * @throws org.voxarch.runtime.data.NiftiException if the file cannot be written
     */
    public static void write(Path file, byte[] labels, CaseProperties properties) {
        Volume like = new Volume(new float[labels.length], properties.originalShape(), properties.originalSpacing(),
                properties.geometry());
        Nifti.writeLabels(file, labels, like);
    }

    /** Resamples, takes the argmax, pastes into the original grid and writes {@code file}. */
    public static void export(ClassProbabilities probabilities, PreprocessedCase c, Path file) {
        write(file, toOriginalGrid(probabilities, c), c.properties());
    }
}
