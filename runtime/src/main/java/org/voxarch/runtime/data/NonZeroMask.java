package org.voxarch.runtime.data;

import java.util.Arrays;
import java.util.List;

/**
 * The voxels that are non-zero in at least one channel, with enclosed holes filled (nnU-Net's "non-zero mask"):
 * background is what the outside of the grid reaches through zero voxels across faces (6-connectivity).
 */
final class NonZeroMask {
    private NonZeroMask() {
    }

    /** @return 1 inside the mask, 0 outside, row-major on {@code shape} */
    static byte[] of(List<float[]> channels, int[] shape) {
        int n = shape[0] * shape[1] * shape[2];
        byte[] mask = new byte[n];
        for (float[] c : channels) {
            for (int i = 0; i < n; i++) {
                if (c[i] != 0f) {
                    mask[i] = 1;
                }
            }
        }
        fillHoles(mask, shape);
        return mask;
    }

    /** Marks zero voxels not connected to the grid's border as inside (value 1). */
    static void fillHoles(byte[] mask, int[] shape) {
        int nz = shape[0];
        int ny = shape[1];
        int nx = shape[2];
        final byte outside = 2;
        int[] queue = new int[64];
        int head = 0;
        int tail = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    boolean border = z == 0 || y == 0 || x == 0 || z == nz - 1 || y == ny - 1 || x == nx - 1;
                    int i = (z * ny + y) * nx + x;
                    if (border && mask[i] == 0) {
                        mask[i] = outside;
                        if (tail == queue.length) {
                            queue = Arrays.copyOf(queue, queue.length * 2);
                        }
                        queue[tail++] = i;
                    }
                }
            }
        }
        int plane = ny * nx;
        while (head < tail) {
            int i = queue[head++];
            int z = i / plane;
            int y = (i % plane) / nx;
            int x = i % nx;
            for (int side = 0; side < 6; side++) {
                int j = switch (side) {
                    case 0 -> x > 0 ? i - 1 : -1;
                    case 1 -> x < nx - 1 ? i + 1 : -1;
                    case 2 -> y > 0 ? i - nx : -1;
                    case 3 -> y < ny - 1 ? i + nx : -1;
                    case 4 -> z > 0 ? i - plane : -1;
                    default -> z < nz - 1 ? i + plane : -1;
                };
                if (j < 0 || mask[j] != 0) {
                    continue;
                }
                mask[j] = outside;
                if (tail == queue.length) {
                    // Reuse the consumed head before growing: the queue only needs to hold the frontier.
                    if (head > queue.length / 2) {
                        System.arraycopy(queue, head, queue, 0, tail - head);
                        tail -= head;
                        head = 0;
                    } else {
                        queue = Arrays.copyOf(queue, queue.length * 2);
                    }
                }
                queue[tail++] = j;
            }
        }
        for (int i = 0; i < mask.length; i++) {
            mask[i] = mask[i] == outside ? 0 : (byte) 1;
        }
    }
}
