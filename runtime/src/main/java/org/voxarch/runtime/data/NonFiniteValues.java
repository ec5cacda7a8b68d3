package org.voxarch.runtime.data;

import java.util.Optional;

/**
 * NaN or infinite voxels found in an image: how many, and where the first one (in storage order) is.
 *
 * @param count how many voxels are NaN or ±Inf
 * @param nan   how many of them are NaN
 * @param first (z, y, x) of the first one
 */
public record NonFiniteValues(long count, long nan, int[] first) {

    public NonFiniteValues {
        first = first.clone();
    }

    /** @return the non-finite voxels of {@code data} on grid {@code shape} (z, y, x), or empty if all are finite */
    public static Optional<NonFiniteValues> find(float[] data, int[] shape) {
        long count = 0;
        long nan = 0;
        int firstIndex = -1;
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (!Float.isFinite(v)) {
                if (count++ == 0) {
                    firstIndex = i;
                }
                if (Float.isNaN(v)) {
                    nan++;
                }
            }
        }
        if (count == 0) {
            return Optional.empty();
        }
        int plane = shape[1] * shape[2];
        int z = firstIndex / plane;
        int y = (firstIndex % plane) / shape[2];
        int x = firstIndex % shape[2];
        return Optional.of(new NonFiniteValues(count, nan, new int[] {z, y, x}));
    }

    /** @return the non-finite voxels of a volume, or empty if all are finite */
    public static Optional<NonFiniteValues> find(Volume volume) {
        return find(volume.data(), volume.shape());
    }

    /** @return e.g. {@code "3 non-finite values (2 NaN, 1 ±Inf), the first at voxel x=4, y=0, z=7"} */
    public String describe() {
        return count + " non-finite value" + (count == 1 ? "" : "s") + " (" + nan + " NaN, " + (count - nan)
                + " ±Inf), the first at voxel x=" + first[2] + ", y=" + first[1] + ", z=" + first[0];
    }
}
