package org.voxarch.runtime.data;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether two volumes with the same grid also lie at the same place in the world: the same voxel spacing, and the
 * same sform (or qform) where both files give one. A label map with its image's shape but another spacing or origin
 * would otherwise be paired with the image voxel by voxel and train on misplaced labels without a word.
 */
final class WorldPlacement {
    /** Relative tolerance: rounding in converters, never a real difference between two grids. */
    private static final double TOLERANCE = 1e-3;

    private WorldPlacement() {
    }

    /** @return how {@code other} is placed differently from {@code reference} (naming the header field), if it is */
    static Optional<String> difference(Volume reference, Volume other) {
        double[] a = reference.spacing();
        double[] b = other.spacing();
        for (int i = 0; i < 3; i++) {
            if (!close(a[i], b[i])) {
                return Optional.of("spacing " + spacing(b) + " (pixdim) differs from " + spacing(a));
            }
        }
        Geometry g = reference.geometry();
        Geometry h = other.geometry();
        if (g.sformCode() > 0 && h.sformCode() > 0) {
            return matrix("sform (srow_x/y/z)", g.sform(), h.sform());
        }
        if (g.qformCode() > 0 && h.qformCode() > 0) {
            return matrix("qform (quatern, qoffset)", g.qform(), h.qform());
        }
        return Optional.empty();
    }

    private static Optional<String> matrix(String field, double[] reference, double[] other) {
        for (int i = 0; i < 12; i++) {
            if (!close(reference[i], other[i])) {
                return Optional.of(field + " " + rows(other) + " differs from " + rows(reference));
            }
        }
        return Optional.empty();
    }

    private static boolean close(double x, double y) {
        return Math.abs(x - y) <= TOLERANCE * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
    }

    private static String spacing(double[] zyx) {
        return String.format(Locale.ROOT, "%g×%g×%g mm (z, y, x)", zyx[0], zyx[1], zyx[2]);
    }

    private static String rows(double[] m) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            out.append(i == 0 ? "" : i % 4 == 0 ? "; " : " ").append(String.format(Locale.ROOT, "%g", m[i]));
        }
        return out.append(']').toString();
    }
}
