package org.voxarch.runtime.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.voxarch.runtime.data.Region;
import org.voxarch.runtime.data.Volume;

/**
 * Dice and HD95 between a predicted and a reference label map, per region (reference §3.10).
 *
 * <ul>
 *   <li>Dice = 2|A∩B| / (|A| + |B|); 1 when both masks are empty (nothing to find, nothing found).</li>
 *   <li>HD95 = the 95th percentile (linear interpolation) of the surface distances in both directions pooled
 *       together, as medpy's {@code hd95}: the surface of a mask is its voxels with a face neighbour outside it
 *       (the grid's outside counts as outside), and each surface voxel's distance is to the nearest surface voxel
 *       of the other mask, by an exact Euclidean distance transform. 0 when both masks are empty. When the
 *       prediction misses a region the reference has, HD95 is NaN ("missing": a missed organ is not a perfect
 *       one), unless {@link MissedRegion#REFERENCE_ZERO} asks for the reference scripts' 0; when only the
 *       reference is empty it is 0, as those scripts report.</li>
 * </ul>
 *
 * Distances are in millimetres (the grid's spacing) by default; {@link DistanceUnit#VOXELS} gives the reference
 * scripts' unit (medpy called without spacing).
 */
public final class SegmentationMetrics {
    private static final double PERCENTILE = 95;

    /** The unit of surface distances. */
    public enum DistanceUnit {
        /** Millimetres, using the voxel spacing. */
        MILLIMETRES,
        /** Voxels (unit spacing on every axis), as the reference's scripts report. */
        VOXELS
    }

    /** What HD95 is when the prediction is empty for a region the reference has. */
    public enum MissedRegion {
        /** NaN: undefined, reported as missing and left out of HD95 means. */
        MISSING,
        /** 0, as the reference's evaluation scripts (and so the paper's tables) count it. */
        REFERENCE_ZERO
    }

    private SegmentationMetrics() {
    }

    /** @return Dice of two masks of equal length; 1 if both are empty */
    public static double dice(boolean[] a, boolean[] b) {
        requireSameLength(a.length, b.length);
        long sizeA = 0;
        long sizeB = 0;
        long both = 0;
        for (int i = 0; i < a.length; i++) {
            sizeA += a[i] ? 1 : 0;
            sizeB += b[i] ? 1 : 0;
            both += a[i] && b[i] ? 1 : 0;
        }
        return sizeA + sizeB == 0 ? 1.0 : 2.0 * both / (sizeA + sizeB);
    }

    /**
     * @param spacing (z, y, x) in mm; pass {1, 1, 1} for voxel units
     * @return HD95 of two masks on {@code shape}; 0 if either is empty
     */
    public static double hd95(boolean[] a, boolean[] b, int[] shape, double[] spacing) {
        requireSameLength(a.length, b.length);
        requireSameLength(a.length, shape[0] * shape[1] * shape[2]);
        int[] box = unionBox(a, b, shape);
        if (box == null || !any(a) || !any(b)) {
            return 0;
        }
        int[] local = {box[3] - box[0], box[4] - box[1], box[5] - box[2]};
        boolean[] la = cut(a, shape, box, local);
        boolean[] lb = cut(b, shape, box, local);
        boolean[] surfaceA = surface(la, local);
        boolean[] surfaceB = surface(lb, local);
        double[] toB = DistanceTransform.squared(surfaceB, local, spacing);
        double[] toA = DistanceTransform.squared(surfaceA, local, spacing);
        double[] distances = new double[count(surfaceA) + count(surfaceB)];
        int k = 0;
        for (int i = 0; i < surfaceA.length; i++) {
            if (surfaceA[i]) {
                distances[k++] = Math.sqrt(toB[i]);
            }
        }
        for (int i = 0; i < surfaceB.length; i++) {
            if (surfaceB[i]) {
                distances[k++] = Math.sqrt(toA[i]);
            }
        }
        Arrays.sort(distances);
        double rank = PERCENTILE / 100 * (distances.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, distances.length - 1);
        return distances[lo] + (distances[hi] - distances[lo]) * (rank - lo);
    }

    /** @return the mask of voxels whose label belongs to {@code region} */
    public static boolean[] mask(byte[] labels, Region region) {
        boolean[] member = region.membership();
        boolean[] m = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            m[i] = member[labels[i] & 0xFF];
        }
        return m;
    }

    /** @return Dice and HD95 of one region; HD95 NaN where the prediction misses it */
    public static RegionScore score(byte[] prediction, byte[] reference, int[] shape, double[] spacing, Region region,
            DistanceUnit unit) {
        return score(prediction, reference, shape, spacing, region, unit, MissedRegion.MISSING);
    }

    /** @return Dice and HD95 of one region, HD95 of a missed region as {@code missed} says */
    public static RegionScore score(byte[] prediction, byte[] reference, int[] shape, double[] spacing, Region region,
            DistanceUnit unit, MissedRegion missed) {
        boolean[] p = mask(prediction, region);
        boolean[] r = mask(reference, region);
        double[] s = unit == DistanceUnit.VOXELS ? new double[] {1, 1, 1} : spacing;
        long predicted = count(p);
        long present = count(r);
        double hd95 = predicted == 0 && present > 0 && missed == MissedRegion.MISSING ? Double.NaN
                : hd95(p, r, shape, s);
        return new RegionScore(region.name(), dice(p, r), hd95, predicted, present);
    }

    /**
     * Scores every region of a case.
     *
     * @param prediction labels (unsigned bytes) on {@code shape}
     * @param reference  labels on the same grid
     */
    public static CaseEvaluation evaluate(String caseId, byte[] prediction, byte[] reference, int[] shape,
            double[] spacing, List<Region> regions, DistanceUnit unit) {
        return evaluate(caseId, prediction, reference, shape, spacing, regions, unit, MissedRegion.MISSING);
    }

    /** As {@link #evaluate(String, byte[], byte[], int[], double[], List, DistanceUnit)}, choosing HD95 of misses. */
    public static CaseEvaluation evaluate(String caseId, byte[] prediction, byte[] reference, int[] shape,
            double[] spacing, List<Region> regions, DistanceUnit unit, MissedRegion missed) {
        List<RegionScore> scores = new ArrayList<>();
        for (Region r : regions) {
            scores.add(score(prediction, reference, shape, spacing, r, unit, missed));
        }
        return new CaseEvaluation(caseId, scores);
    }

    /**
     * Scores every region of a case given as label volumes (e.g. read from NIfTI).
     *
     * @throws IllegalArgumentException if the grids differ or a value is not a label in 0..255
     */
    public static CaseEvaluation evaluate(String caseId, Volume prediction, Volume reference, List<Region> regions,
            DistanceUnit unit) {
        return evaluate(caseId, prediction, reference, regions, unit, MissedRegion.MISSING);
    }

    /** As {@link #evaluate(String, Volume, Volume, List, DistanceUnit)}, choosing HD95 of missed regions. */
    public static CaseEvaluation evaluate(String caseId, Volume prediction, Volume reference, List<Region> regions,
            DistanceUnit unit, MissedRegion missed) {
        if (!prediction.sameGrid(reference)) {
            throw new IllegalArgumentException(caseId + ": prediction grid " + Arrays.toString(prediction.shape())
                    + " differs from the reference grid " + Arrays.toString(reference.shape()));
        }
        return evaluate(caseId, labels(caseId, prediction), labels(caseId, reference), reference.shape(),
                reference.spacing(), regions, unit, missed);
    }

    private static byte[] labels(String caseId, Volume v) {
        float[] d = v.data();
        byte[] out = new byte[d.length];
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] >= 0 && d[i] <= 255) || d[i] != Math.rint(d[i])) {
                throw new IllegalArgumentException(caseId + ": value " + d[i] + " is not a label in 0..255");
            }
            out[i] = (byte) (int) d[i];
        }
        return out;
    }

    /** Voxels of {@code m} with a face neighbour outside the mask or outside the grid. */
    private static boolean[] surface(boolean[] m, int[] shape) {
        int nz = shape[0];
        int ny = shape[1];
        int nx = shape[2];
        int plane = ny * nx;
        boolean[] s = new boolean[m.length];
        for (int z = 0, i = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (!m[i]) {
                        continue;
                    }
                    s[i] = x == 0 || x == nx - 1 || y == 0 || y == ny - 1 || z == 0 || z == nz - 1
                            || !m[i - 1] || !m[i + 1] || !m[i - nx] || !m[i + nx] || !m[i - plane] || !m[i + plane];
                }
            }
        }
        return s;
    }

    /** @return {z0, y0, x0, z1, y1, x1} (end exclusive) of the voxels in either mask, or null if none */
    private static int[] unionBox(boolean[] a, boolean[] b, int[] shape) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        for (int z = 0, i = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[2]; x++, i++) {
                    if (a[i] || b[i]) {
                        box[0] = Math.min(box[0], z);
                        box[1] = Math.min(box[1], y);
                        box[2] = Math.min(box[2], x);
                        box[3] = Math.max(box[3], z + 1);
                        box[4] = Math.max(box[4], y + 1);
                        box[5] = Math.max(box[5], x + 1);
                    }
                }
            }
        }
        return box[3] < 0 ? null : box;
    }

    /** The box's part of a mask. Every feature voxel lies inside it, so distances computed there are exact. */
    private static boolean[] cut(boolean[] m, int[] shape, int[] box, int[] local) {
        boolean[] out = new boolean[local[0] * local[1] * local[2]];
        for (int z = 0; z < local[0]; z++) {
            for (int y = 0; y < local[1]; y++) {
                System.arraycopy(m, ((box[0] + z) * shape[1] + box[1] + y) * shape[2] + box[2], out,
                        (z * local[1] + y) * local[2], local[2]);
            }
        }
        return out;
    }

    private static boolean any(boolean[] m) {
        for (boolean v : m) {
            if (v) {
                return true;
            }
        }
        return false;
    }

    private static int count(boolean[] m) {
        int n = 0;
        for (boolean v : m) {
            n += v ? 1 : 0;
        }
        return n;
    }

    private static void requireSameLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("masks or grids differ in size: " + a + " vs " + b);
        }
    }
}
