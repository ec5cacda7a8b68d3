package org.voxarch.runtime.infer;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the sliding windows go (nnU-Net v1's step computation): per axis
 * {@code n = ceil((size − patch) / (step · patch)) + 1} windows, their starts spread evenly over
 * {@code [0, size − patch]} and rounded (half to even, as numpy's {@code round}). An axis no larger than the patch
 * has one window at 0 (the image is padded to the patch first).
 */
public final class WindowGrid {
    private WindowGrid() {
    }

    /** @return the window starts along one axis */
    public static int[] starts(int size, int patch, double step) {
        if (size <= patch) {
            return new int[] {0};
        }
        double target = step * patch;
        int n = (int) Math.ceil((size - patch) / target) + 1;
        double actual = (double) (size - patch) / (n - 1);
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = (int) Math.rint(actual * i);
        }
        return starts;
    }

    /** @return every window's start (z, y, x) over a grid of {@code shape} (already padded to ≥ patch), z slowest */
    public static List<int[]> windows(int[] shape, int[] patch, double step) {
        int[] zs = starts(shape[0], patch[0], step);
        int[] ys = starts(shape[1], patch[1], step);
        int[] xs = starts(shape[2], patch[2], step);
        List<int[]> out = new ArrayList<>(zs.length * ys.length * xs.length);
        for (int z : zs) {
            for (int y : ys) {
                for (int x : xs) {
                    out.add(new int[] {z, y, x});
                }
            }
        }
        return out;
    }

    /** @return the grid after zero-padding {@code shape} to at least {@code patch} per axis */
    public static int[] paddedShape(int[] shape, int[] patch) {
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            out[a] = Math.max(shape[a], patch[a]);
        }
        return out;
    }

    /** @return where the image starts inside the padded grid: half the padding before it (rounded down) */
    public static int[] padBefore(int[] shape, int[] patch) {
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            out[a] = Math.max(patch[a] - shape[a], 0) / 2;
        }
        return out;
    }
}
