package org.voxarch.runtime.data;

import java.util.Arrays;

/**
 * Where a voxel grid sits in world (scanner) space, as NIfTI records it: the qform and sform codes and matrices,
 * kept verbatim so that a written segmentation carries its image's orientation. Matrices map (i, j, k) = (x, y, z)
 * voxel indices to millimetres, row-major 3×4.
 */
public record Geometry(int qformCode, int sformCode, double[] qform, double[] sform, float[] quaternion,
        float qfac) {

    public Geometry {
        qform = qform.clone();
        sform = sform.clone();
        quaternion = quaternion.clone();
    }

    /** An axis-aligned grid at the origin with the given spacing (z, y, x). */
    public static Geometry identity(double[] spacingZyx) {
        double[] m = {spacingZyx[2], 0, 0, 0, 0, spacingZyx[1], 0, 0, 0, 0, spacingZyx[0], 0};
        return new Geometry(0, 0, m, m, new float[] {0, 0, 0, 0, 0, 0}, 1f);
    }

    /**
     * The geometry of a sub-grid whose first voxel is {@code startZyx} in this grid (a crop): the same axes, with
     * the qform and sform origins moved to that voxel's world position.
     */
    public Geometry shifted(int[] startZyx) {
        double[] ijk = {startZyx[2], startZyx[1], startZyx[0]};
        double[] q = shiftOrigin(qform, ijk);
        double[] s = shiftOrigin(sform, ijk);
        float[] quat = quaternion.clone();
        for (int row = 0; row < 3; row++) {
            quat[3 + row] = (float) q[4 * row + 3];
        }
        return new Geometry(qformCode, sformCode, q, s, quat, qfac);
    }

    private static double[] shiftOrigin(double[] m, double[] ijk) {
        double[] out = m.clone();
        for (int row = 0; row < 3; row++) {
            out[4 * row + 3] += m[4 * row] * ijk[0] + m[4 * row + 1] * ijk[1] + m[4 * row + 2] * ijk[2];
        }
        return out;
    }

    @Override
    public String toString() {
        return "Geometry[qform " + qformCode + " sform " + sformCode + " " + Arrays.toString(sform) + "]";
    }
}
