package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixture README's tolerance: max |ours - ref| <= 1e-4 * max |ref|. */
final class Closeness {
    static final double RELATIVE = 1e-4;

    private Closeness() {
    }

    static void assertClose(String what, float[] reference, float[] ours) {
        assertTrue(reference.length == ours.length, what + ": " + ours.length + " values, reference has "
                + reference.length);
        double maxRef = 0;
        double maxDiff = 0;
        int worst = -1;
        for (int i = 0; i < reference.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(reference[i]));
            double d = Math.abs((double) reference[i] - ours[i]);
            if (!(d <= maxDiff)) {
                maxDiff = d;
                worst = i;
            }
        }
        double limit = RELATIVE * maxRef;
        String detail = what + ": max |ours - ref| = " + maxDiff + " at " + worst + " (ref " + (worst < 0 ? "-"
                : reference[worst]) + ", ours " + (worst < 0 ? "-" : ours[worst]) + "), limit " + limit;
        assertTrue(maxDiff <= limit, detail);
    }

    /** Every {@code step}-th element, as the fixtures sample large outputs. */
    static float[] sample(float[] all, int step) {
        float[] out = new float[(all.length + step - 1) / step];
        for (int i = 0; i < out.length; i++) {
            out[i] = all[i * step];
        }
        return out;
    }
}
