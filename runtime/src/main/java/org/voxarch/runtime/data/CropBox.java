package org.voxarch.runtime.data;

import java.util.Arrays;
import java.util.List;

/**
 * An axis-aligned box of a grid: its first voxel and its size, both (z, y, x). Cropping copies the box out of a
 * grid; pasting puts box-sized data back into a zero-filled grid.
 *
 * @param start first voxel (z, y, x)
 * @param shape size (z, y, x), each ≥ 1
 */
public record CropBox(int[] start, int[] shape) {

    public CropBox {
        start = start.clone();
        shape = shape.clone();
    }

    /** @return the whole grid */
    public static CropBox whole(int[] shape) {
        return new CropBox(new int[3], shape);
    }

    /**
     * The bounding box of the voxels that are non-zero in at least one channel (nnU-Net's crop). A grid with no
     * non-zero voxel keeps its whole extent.
     */
    public static CropBox nonZero(List<float[]> channels, int[] shape) {
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        int ny = shape[1];
        int nx = shape[2];
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < ny; y++) {
                int row = (z * ny + y) * nx;
                int first = -1;
                int last = -1;
                for (int x = 0; x < nx; x++) {
                    if (anyNonZero(channels, row + x)) {
                        first = x;
                        break;
                    }
                }
                if (first < 0) {
                    continue;
                }
                for (int x = nx - 1; x >= first; x--) {
                    if (anyNonZero(channels, row + x)) {
                        last = x;
                        break;
                    }
                }
                lo[0] = Math.min(lo[0], z);
                hi[0] = Math.max(hi[0], z);
                lo[1] = Math.min(lo[1], y);
                hi[1] = Math.max(hi[1], y);
                lo[2] = Math.min(lo[2], first);
                hi[2] = Math.max(hi[2], last);
            }
        }
        if (hi[0] < 0) {
            return whole(shape);
        }
        return new CropBox(lo, new int[] {hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1});
    }

    private static boolean anyNonZero(List<float[]> channels, int i) {
        for (float[] c : channels) {
            if (c[i] != 0f) {
                return true;
            }
        }
        return false;
    }

    /** @return voxels in the box */
    public int voxels() {
        return shape[0] * shape[1] * shape[2];
    }

    /** @return whether the box is all of {@code grid} */
    public boolean covers(int[] grid) {
        return Arrays.equals(shape, grid) && start[0] == 0 && start[1] == 0 && start[2] == 0;
    }

    /** @return the box's values out of {@code data} on grid {@code full} */
    public float[] crop(float[] data, int[] full) {
        float[] out = new float[voxels()];
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                System.arraycopy(data, rowStart(full, z, y), out, (z * shape[1] + y) * shape[2], shape[2]);
            }
        }
        return out;
    }

    /** @return the box's values out of {@code data} on grid {@code full} */
    public byte[] crop(byte[] data, int[] full) {
        byte[] out = new byte[voxels()];
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                System.arraycopy(data, rowStart(full, z, y), out, (z * shape[1] + y) * shape[2], shape[2]);
            }
        }
        return out;
    }

    /** @return a zero grid {@code full} with {@code boxData} (box-sized) placed at the box */
    public byte[] paste(byte[] boxData, int[] full) {
        byte[] out = new byte[full[0] * full[1] * full[2]];
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                System.arraycopy(boxData, (z * shape[1] + y) * shape[2], out, rowStart(full, z, y), shape[2]);
            }
        }
        return out;
    }

    private int rowStart(int[] full, int z, int y) {
        return ((start[0] + z) * full[1] + start[1] + y) * full[2] + start[2];
    }

    @Override
    public String toString() {
        return "CropBox[start " + Arrays.toString(start) + ", shape " + Arrays.toString(shape) + "]";
    }
}
