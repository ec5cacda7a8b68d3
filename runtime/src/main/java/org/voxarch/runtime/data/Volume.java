package org.voxarch.runtime.data;

import java.util.Arrays;

/**
 * A 3-D scalar volume in memory: values in row-major {@code [z][y][x]} order (x fastest, the order NIfTI stores
 * voxels in), its shape and voxel spacing in millimetres, both as (z, y, x), and the geometry it came from so
 * that a result written back overlays the original image.
 */
public final class Volume {
    private final float[] data;
    private final int[] shape;
    private final double[] spacing;
    private final Geometry geometry;

    /**
     * @param data     {@code shape[0] * shape[1] * shape[2]} values, x fastest
     * @param shape    (z, y, x)
     * @param spacing  (z, y, x) in mm, all positive
     * @param geometry where the grid sits in the world, or null for {@link Geometry#identity(double[])}
     */
    public Volume(float[] data, int[] shape, double[] spacing, Geometry geometry) {
        if (shape.length != 3 || spacing.length != 3) {
            throw new IllegalArgumentException("a volume has three axes, got shape " + Arrays.toString(shape)
                    + " spacing " + Arrays.toString(spacing));
        }
        long n = (long) shape[0] * shape[1] * shape[2];
        if (shape[0] <= 0 || shape[1] <= 0 || shape[2] <= 0 || n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not match "
                    + data.length + " values");
        }
        for (double s : spacing) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("spacing must be positive, got " + Arrays.toString(spacing));
            }
        }
        this.data = data;
        this.shape = shape.clone();
        this.spacing = spacing.clone();
        this.geometry = geometry == null ? Geometry.identity(spacing) : geometry;
    }

    public float[] data() {
        return data;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int depth() {
        return shape[0];
    }

    public int height() {
        return shape[1];
    }

    public int width() {
        return shape[2];
    }

    public double[] spacing() {
        return spacing.clone();
    }

    public Geometry geometry() {
        return geometry;
    }

    public int voxels() {
        return data.length;
    }

    public int index(int z, int y, int x) {
        return (z * shape[1] + y) * shape[2] + x;
    }

    public float get(int z, int y, int x) {
        return data[index(z, y, x)];
    }

    /** A volume on the same grid and geometry with other values (e.g. a label map for this image). */
    public Volume withData(float[] values) {
        return new Volume(values, shape, spacing, geometry);
    }

    public boolean sameGrid(Volume other) {
        return Arrays.equals(shape, other.shape);
    }

    @Override
    public String toString() {
        return "Volume" + Arrays.toString(shape) + " spacing " + Arrays.toString(spacing);
    }
}
