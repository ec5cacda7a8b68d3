package org.voxarch.runtime.data;

import java.util.Arrays;

/**
 * A structure to evaluate: a name and the label values that make it up. A single organ is one label
 * ({@code spleen = {1}}); a BraTS region is a union ({@code whole tumour = {1, 2, 3}}).
 *
 * @param name   e.g. {@code "spleen"} or {@code "WT"}
 * @param labels the label values whose union is the region, each 1..255
 */
public record Region(String name, int[] labels) {

    public Region {
        labels = labels.clone();
        if (labels.length == 0) {
            throw new IllegalArgumentException("region " + name + " has no labels");
        }
        for (int l : labels) {
            if (l < 1 || l > 255) {
                throw new IllegalArgumentException("region " + name + ": label " + l + " is not in 1..255");
            }
        }
    }

    /** @return a region of one label */
    public static Region of(String name, int label) {
        return new Region(name, new int[] {label});
    }

    /** @return a 256-entry table: {@code member[v]} tells whether label value v belongs to the region */
    public boolean[] membership() {
        boolean[] member = new boolean[256];
        for (int l : labels) {
            member[l] = true;
        }
        return member;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(labels);
    }
}
