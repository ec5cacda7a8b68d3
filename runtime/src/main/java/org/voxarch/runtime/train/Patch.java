package org.voxarch.runtime.train;

import java.util.Arrays;

/**
 * One training example on its way into a batch: image channels and a label map over a (z, y, x) grid, each
 * row-major with x fastest. Augmentations change the arrays in place.
 */
public final class Patch {
    private final float[][] images;
    private final byte[] labels;
    private final int[] shape;

    /**
     * @param images one array per channel, each {@code shape[0]·shape[1]·shape[2]} values
     * @param labels class index per voxel (read as unsigned), same size
     * @param shape  (z, y, x)
     */
    public Patch(float[][] images, byte[] labels, int[] shape) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("a patch has three axes, got " + Arrays.toString(shape));
        }
        int voxels = shape[0] * shape[1] * shape[2];
        for (float[] channel : images) {
            if (channel.length != voxels) {
                throw new IllegalArgumentException("a channel has " + channel.length + " values for shape "
                        + Arrays.toString(shape));
            }
        }
        if (labels.length != voxels) {
            throw new IllegalArgumentException("labels have " + labels.length + " values for shape "
                    + Arrays.toString(shape));
        }
        this.images = images;
        this.labels = labels;
        this.shape = shape.clone();
    }

    /**
     * Copies the box starting at {@code origin} (which may lie partly outside the volume) of size {@code size} out
     * of a volume; voxels outside it are 0 in the images and 0 (background) in the labels, as nnU-Net pads.
     *
     * @param images  channels of the source volume
     * @param labels  its label map
     * @param shape   its (z, y, x) shape
     * @param origin  the box's first voxel, in source coordinates
     * @param size    the box's (z, y, x) size
     */
    public static Patch crop(float[][] images, byte[] labels, int[] shape, int[] origin, int[] size) {
        int voxels = size[0] * size[1] * size[2];
        float[][] outImages = new float[images.length][voxels];
        byte[] outLabels = new byte[voxels];
        // Per axis, the part of the box that overlaps the source; rows are then copied in one piece.
        int x0 = Math.max(0, -origin[2]);
        int x1 = Math.min(size[2], shape[2] - origin[2]);
        if (x1 > x0) {
            for (int z = 0; z < size[0]; z++) {
                int sz = origin[0] + z;
                if (sz < 0 || sz >= shape[0]) {
                    continue;
                }
                for (int y = 0; y < size[1]; y++) {
                    int sy = origin[1] + y;
                    if (sy < 0 || sy >= shape[1]) {
                        continue;
                    }
                    int from = (sz * shape[1] + sy) * shape[2] + origin[2] + x0;
                    int to = (z * size[1] + y) * size[2] + x0;
                    for (int c = 0; c < images.length; c++) {
                        System.arraycopy(images[c], from, outImages[c], to, x1 - x0);
                    }
                    System.arraycopy(labels, from, outLabels, to, x1 - x0);
                }
            }
        }
        return new Patch(outImages, outLabels, size);
    }

    /** @return the channel arrays (live, not copies) */
    public float[][] images() {
        return images;
    }

    /** @return the label array (live, not a copy) */
    public byte[] labels() {
        return labels;
    }

    /** @return (z, y, x) */
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of image channels */
    public int channels() {
        return images.length;
    }

    /** @return voxels per channel */
    public int voxels() {
        return labels.length;
    }

    /** @return a deep copy */
    public Patch copy() {
        float[][] c = new float[images.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = images[i].clone();
        }
        return new Patch(c, labels.clone(), shape);
    }
}
