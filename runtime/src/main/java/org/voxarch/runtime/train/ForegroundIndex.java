package org.voxarch.runtime.train;

import java.util.Arrays;

/**
 * Where each foreground class occurs in a label map, so a patch can be centred on a random voxel of a random
 * present class. Like nnU-Net's {@code class_locations}, each class keeps at most
 * {@code max(10000, ceil(1% of its voxels))} locations, spread evenly over its voxels in memory order.
 */
public final class ForegroundIndex {
    private static final int MIN_KEPT = 10_000;
    private static final double MIN_COVERAGE = 0.01;
    private static final int CLASSES = 256;

    private final int[] classes;
    private final int[][] locations;

    private ForegroundIndex(int[] classes, int[][] locations) {
        this.classes = classes;
        this.locations = locations;
    }

    /** Indexes a label map (values read as unsigned bytes; class 0 is background). */
    public static ForegroundIndex of(byte[] labels) {
        long[] counts = new long[CLASSES];
        for (byte b : labels) {
            counts[b & 0xFF]++;
        }
        int present = 0;
        for (int c = 1; c < CLASSES; c++) {
            present += counts[c] > 0 ? 1 : 0;
        }
        int[] classes = new int[present];
        int[][] locations = new int[CLASSES][];
        int[] kept = new int[CLASSES];
        int k = 0;
        for (int c = 1; c < CLASSES; c++) {
            if (counts[c] > 0) {
                classes[k++] = c;
                kept[c] = (int) Math.min(counts[c], Math.max(MIN_KEPT, (long) Math.ceil(counts[c] * MIN_COVERAGE)));
                locations[c] = new int[kept[c]];
            }
        }
        long[] seen = new long[CLASSES];
        int[] filled = new int[CLASSES];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i] & 0xFF;
            if (c == 0) {
                continue;
            }
            long j = seen[c]++;
            // Keep occurrence j when j·kept/count reaches a new integer: exactly kept[c] of them, evenly spaced,
            // starting with the first.
            if (j * kept[c] % counts[c] < kept[c]) {
                locations[c][filled[c]++] = i;
            }
        }
        int[][] compact = new int[present][];
        for (int i = 0; i < present; i++) {
            compact[i] = locations[classes[i]];
        }
        return new ForegroundIndex(classes, compact);
    }

    /** @return the foreground classes present, ascending */
    public int[] classes() {
        return classes.clone();
    }

    /** @return how many foreground classes are present */
    public int classCount() {
        return classes.length;
    }

    /** @return true if the label map has no foreground voxel */
    public boolean isEmpty() {
        return classes.length == 0;
    }

    /** @return the kept voxel indices of {@code classes()[i]} (live array; do not modify) */
    int[] locationsOf(int i) {
        return locations[i];
    }

    @Override
    public String toString() {
        return "ForegroundIndex" + Arrays.toString(classes);
    }
}
