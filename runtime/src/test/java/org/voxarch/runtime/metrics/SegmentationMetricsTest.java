package org.voxarch.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.voxarch.runtime.data.Region;
import org.voxarch.runtime.data.Volume;
import org.voxarch.runtime.metrics.SegmentationMetrics.DistanceUnit;

class SegmentationMetricsTest {
    private static boolean[] box(int[] shape, int[] from, int[] to) {
        boolean[] m = new boolean[shape[0] * shape[1] * shape[2]];
        for (int z = from[0]; z < to[0]; z++) {
            for (int y = from[1]; y < to[1]; y++) {
                for (int x = from[2]; x < to[2]; x++) {
                    m[(z * shape[1] + y) * shape[2] + x] = true;
                }
            }
        }
        return m;
    }

    @Test
    void diceOnHandCountedMasks() {
        boolean[] a = {true, true, true, true, false, false};
        boolean[] b = {false, false, true, true, false, false};
        assertEquals(2.0 * 2 / 6, SegmentationMetrics.dice(a, b), 1e-12);
        assertEquals(1.0, SegmentationMetrics.dice(new boolean[6], new boolean[6]), "both empty");
        assertEquals(0.0, SegmentationMetrics.dice(a, new boolean[6]), "one empty");
    }

    @Test
    void hd95OfTwoCubesOffsetAlongXIsTheOffset() {
        int[] shape = {20, 20, 30};
        boolean[] a = box(shape, new int[] {5, 5, 5}, new int[] {15, 15, 15});
        boolean[] b = box(shape, new int[] {5, 5, 8}, new int[] {15, 15, 18});
        assertEquals(3.0, SegmentationMetrics.hd95(a, b, shape, new double[] {1, 1, 1}), 1e-12);
        assertEquals(3 * 0.7, SegmentationMetrics.hd95(a, b, shape, new double[] {2, 1.5, 0.7}), 1e-12,
                "k voxels × the x spacing");
        assertEquals(SegmentationMetrics.hd95(a, b, shape, new double[] {1, 1, 1}),
                SegmentationMetrics.hd95(b, a, shape, new double[] {1, 1, 1}), "symmetric");
    }

    @Test
    void hd95OfTwoSingleVoxelsIsTheirDistance() {
        int[] shape = {4, 5, 8};
        boolean[] a = box(shape, new int[] {0, 0, 0}, new int[] {1, 1, 1});
        boolean[] b = box(shape, new int[] {2, 3, 6}, new int[] {3, 4, 7});
        assertEquals(7.0, SegmentationMetrics.hd95(a, b, shape, new double[] {1, 1, 1}), 1e-12);
        assertEquals(Math.sqrt(4 * 4 + 3 * 3 * 0.25 + 36 * 4), SegmentationMetrics.hd95(a, b, shape,
                new double[] {2, 0.5, 2}), 1e-12);
    }

    @Test
    void hd95IsZeroWhenEitherMaskIsEmpty() {
        int[] shape = {3, 3, 3};
        boolean[] a = box(shape, new int[] {0, 0, 0}, new int[] {2, 2, 2});
        assertEquals(0.0, SegmentationMetrics.hd95(a, new boolean[27], shape, new double[] {1, 1, 1}));
        assertEquals(0.0, SegmentationMetrics.hd95(new boolean[27], new boolean[27], shape, new double[] {1, 1, 1}));
    }

    /** Values from scipy 1.17 (distance_transform_edt, binary_erosion) with medpy's hd95 definition. */
    @Test
    void hd95MatchesScipyOnScatteredMasksAndSpheres() {
        int[] small = {6, 7, 8};
        boolean[] a = new boolean[6 * 7 * 8];
        boolean[] b = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i * 7919L) % 13 < 4;
            b[i] = (i * 104729L + 17) % 11 < 3;
        }
        assertEquals(1.2206555615733703, SegmentationMetrics.hd95(a, b, small, new double[] {1.5, 1, 0.7}), 1e-12);
        assertEquals(1.0, SegmentationMetrics.hd95(a, b, small, new double[] {1, 1, 1}), 1e-12);

        int[] shape = {24, 26, 30};
        boolean[] s1 = new boolean[24 * 26 * 30];
        boolean[] s2 = new boolean[s1.length];
        for (int z = 0, i = 0; z < 24; z++) {
            for (int y = 0; y < 26; y++) {
                for (int x = 0; x < 30; x++, i++) {
                    s1[i] = sq(z - 10) + sq(y - 12) + sq(x - 14) <= 36;
                    s2[i] = sq(z - 12) + sq(y - 11) + sq(x - 17) <= 25;
                }
            }
        }
        assertEquals(5.021072381888616, SegmentationMetrics.hd95(s1, s2, shape, new double[] {2, 0.9, 0.8}), 1e-12);
        assertEquals(4.242640687119285, SegmentationMetrics.hd95(s1, s2, shape, new double[] {1, 1, 1}), 1e-12);
    }

    private static int sq(int v) {
        return v * v;
    }

    @Test
    void distanceTransformIsExactAgainstBruteForce() {
        int[] shape = {5, 6, 7};
        double[] spacing = {2.5, 0.9, 1.3};
        boolean[] feature = new boolean[5 * 6 * 7];
        for (int i = 0; i < feature.length; i++) {
            feature[i] = (i * 31L + 7) % 17 == 0;
        }
        double[] d = DistanceTransform.squared(feature, shape, spacing);
        for (int i = 0; i < feature.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < feature.length; j++) {
                if (feature[j]) {
                    double dz = (i / 42 - j / 42) * spacing[0];
                    double dy = ((i / 7) % 6 - (j / 7) % 6) * spacing[1];
                    double dx = (i % 7 - j % 7) * spacing[2];
                    best = Math.min(best, dz * dz + dy * dy + dx * dx);
                }
            }
            assertEquals(best, d[i], 1e-9, "voxel " + i);
        }
    }

    @Test
    void regionsScoreUnionsOfLabels() {
        byte[] prediction = {0, 1, 2, 3, 3, 0};
        byte[] reference = {0, 1, 1, 3, 0, 2};
        int[] shape = {1, 1, 6};
        List<Region> brats = List.of(new Region("WT", new int[] {1, 2, 3}), new Region("TC", new int[] {2, 3}),
                new Region("ET", new int[] {3}));
        CaseEvaluation e = SegmentationMetrics.evaluate("c", prediction, reference, shape, new double[] {1, 1, 2},
                brats, DistanceUnit.MILLIMETRES);
        assertEquals(2.0 * 3 / 8, e.scores().get(0).dice(), 1e-12, "WT: {1,2,3,4} vs {1,2,3,5}");
        assertEquals(2.0 * 1 / 5, e.scores().get(1).dice(), 1e-12, "TC: {2,3,4} vs {3,5}");
        assertEquals(2.0 * 1 / 3, e.scores().get(2).dice(), 1e-12, "ET: {3,4} vs {3}");
        assertEquals(4, e.scores().get(0).prediction());
        CaseEvaluation voxels = SegmentationMetrics.evaluate("c", prediction, reference, shape,
                new double[] {1, 1, 2}, brats, DistanceUnit.VOXELS);
        assertEquals(e.scores().get(2).hd95() / 2, voxels.scores().get(2).hd95(), 1e-12, "mm = voxels × 2 along x");
    }

    @Test
    void hd95OfARegionTheEmptyPredictionMissesIsMissingUnlessTheReferenceConventionIsAsked() {
        byte[] prediction = {0, 1, 1, 0, 0, 0};
        byte[] reference = {0, 1, 1, 0, 2, 2};
        int[] shape = {1, 1, 6};
        List<Region> regions = List.of(Region.of("a", 1), Region.of("b", 2), Region.of("c", 3));
        CaseEvaluation missing = SegmentationMetrics.evaluate("c", prediction, reference, shape,
                new double[] {1, 1, 1}, regions, DistanceUnit.VOXELS);
        assertEquals(0.0, missing.scores().get(0).hd95(), "a found exactly");
        assertTrue(missing.scores().get(1).hd95Missing(), "b missed: " + missing.scores().get(1));
        assertEquals(0.0, missing.scores().get(1).dice(), "Dice unchanged: 0 for a miss");
        assertEquals(0.0, missing.scores().get(2).hd95(), "c absent from both: nothing missed");
        assertEquals(1.0, missing.scores().get(2).dice());
        CaseEvaluation paper = SegmentationMetrics.evaluate("c", prediction, reference, shape,
                new double[] {1, 1, 1}, regions, DistanceUnit.VOXELS, SegmentationMetrics.MissedRegion.REFERENCE_ZERO);
        assertEquals(0.0, paper.scores().get(1).hd95(), "the reference scripts' 0");
        assertEquals(0.0, paper.scores().get(1).dice());
    }

    @Test
    void labelVolumesOnDifferentGridsAreRefused() {
        Volume a = new Volume(new float[8], new int[] {2, 2, 2}, new double[] {1, 1, 1}, null);
        Volume b = new Volume(new float[12], new int[] {2, 2, 3}, new double[] {1, 1, 1}, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SegmentationMetrics.evaluate(
                "case7", a, b, List.of(Region.of("x", 1)), DistanceUnit.MILLIMETRES));
        assertEquals("case7: prediction grid [2, 2, 2] differs from the reference grid [2, 2, 3]", e.getMessage());
        assertArrayEquals(new boolean[] {false, true}, SegmentationMetrics.mask(new byte[] {0, (byte) 200},
                Region.of("x", 200)));
    }
}
