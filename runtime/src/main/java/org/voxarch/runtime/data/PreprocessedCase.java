package org.voxarch.runtime.data;

import java.util.Arrays;

/**
 * One case ready for training or inference: its image channels (normalised, on the target spacing) and, for
 * training cases, its label map on the same grid, plus what is needed to map a prediction back to the original
 * image.
 *
 * @param id         the case identifier (e.g. {@code img0005} or {@code BRATS_001})
 * @param images     one array per channel, each row-major {@code [z][y][x]} over {@code shape}
 * @param labels     class index per voxel on the same grid, or null for an unlabelled case
 * @param shape      (z, y, x) of the preprocessed grid
 * @param spacing    (z, y, x) spacing of the preprocessed grid in mm
 * @param properties the original geometry and the crop that was applied
 */
public record PreprocessedCase(String id, float[][] images, byte[] labels, int[] shape, double[] spacing,
        CaseProperties properties) {

    public PreprocessedCase {
        long voxels = (long) shape[0] * shape[1] * shape[2];
        for (float[] channel : images) {
            if (channel.length != voxels) {
                throw new IllegalArgumentException(id + ": a channel has " + channel.length + " values for shape "
                        + Arrays.toString(shape));
            }
        }
        if (labels != null && labels.length != voxels) {
            throw new IllegalArgumentException(id + ": labels have " + labels.length + " values for shape "
                    + Arrays.toString(shape));
        }
    }

    public int channels() {
        return images.length;
    }

    public int voxels() {
        return shape[0] * shape[1] * shape[2];
    }

    public boolean labelled() {
        return labels != null;
    }
}
