package org.voxarch.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.voxarch.runtime.data.PreprocessedCase;

class PatchSamplerTest {
    private static final int[] PATCH = {16, 16, 16};

    @Test
    void randomPatchesStayInsideAndReachBothEnds() {
        int[] shape = {20, 24, 40};
        PatchSampler sampler = new PatchSampler(PATCH, 0.125);
        SplittableRandom rng = new SplittableRandom(1);
        int[] lowest = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] highest = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        for (int i = 0; i < 2000; i++) {
            int[] o = sampler.randomOrigin(shape, rng);
            for (int a = 0; a < 3; a++) {
                assertTrue(o[a] >= 0 && o[a] + PATCH[a] <= shape[a], "origin " + o[a] + " on axis " + a);
                lowest[a] = Math.min(lowest[a], o[a]);
                highest[a] = Math.max(highest[a], o[a]);
            }
        }
        assertArrayEquals(new int[] {0, 0, 0}, lowest);
        assertArrayEquals(new int[] {4, 8, 24}, highest);
    }

    @Test
    void smallCasesArePaddedEvenlyWithZeros() {
        int[] shape = {10, 16, 13};
        PreprocessedCase c = TrainFixtures.indexed("small", shape);
        PatchSampler sampler = new PatchSampler(PATCH, 0);
        int[] o = sampler.randomOrigin(shape, new SplittableRandom(2));
        // Padding 6 on z (3 before, 3 after), none on y, 3 on x (1 before, 2 after).
        assertArrayEquals(new int[] {-3, 0, -1}, o);
        Patch p = Patch.crop(c.images(), c.labels(), shape, o, PATCH);
        float[] image = p.images()[0];
        for (int z = 0; z < 16; z++) {
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    int i = (z * 16 + y) * 16 + x;
                    int sz = z - 3;
                    int sx = x - 1;
                    boolean inside = sz >= 0 && sz < 10 && sx >= 0 && sx < 13;
                    float expected = inside ? (sz * 16 + y) * 13 + sx + 1 : 0;
                    assertEquals(expected, image[i], "image at " + z + "," + y + "," + x);
                    assertEquals(inside, p.labels()[i] != 0, "label at " + z + "," + y + "," + x);
                }
            }
        }
    }

    @Test
    void oversamplingForcesTheLastThirdOfEachBatch() {
        assertEquals(List.of(false, true), forced(2));
        assertEquals(List.of(false, false, false, true), forced(4));
        assertEquals(List.of(false), forced(1));
        assertEquals(List.of(false, false, true), forced(3));
        assertEquals(List.of(true, true), forcedWith(2, 1.0));
        assertEquals(List.of(false, false), forcedWith(2, 0.0));
    }

    @Test
    void forcedPatchesContainForegroundAndRandomOnesOftenDoNot() {
        int[] shape = {40, 40, 40};
        byte[] labels = new byte[40 * 40 * 40];
        labels[(30 * 40 + 5) * 40 + 37] = 2; // one voxel of class 2
        labels[(31 * 40 + 5) * 40 + 37] = 2;
        PreprocessedCase c = TrainFixtures.of("sparse", new float[][] {new float[labels.length]}, labels, shape);
        PatchSampler sampler = new PatchSampler(PATCH, 0.25);
        SplittableRandom rng = new SplittableRandom(3);
        int randomHits = 0;
        for (int i = 0; i < 500; i++) {
            assertTrue(hasForeground(Patch.crop(c.images(), labels, shape, sampler.origin(c, true, rng), PATCH)));
            randomHits += hasForeground(Patch.crop(c.images(), labels, shape, sampler.origin(c, false, rng), PATCH))
                    ? 1 : 0;
        }
        assertTrue(randomHits < 250, "random patches hit the voxel " + randomHits + " times of 500");
    }

    @Test
    void batchesHaveForegroundWhereForced() {
        List<PreprocessedCase> cases = TrainFixtures.boxCases("c", 3, new int[] {48, 48, 48}, 3, 7);
        try (BatchLoader loader = new BatchLoader(cases, new PatchSampler(PATCH, 0.125), Augmentations.none(), 3,
                0.33, 11, 1, 2)) {
            for (int it = 0; it < 40; it++) {
                Batch b = loader.load(0, it);
                byte[] labels = b.labelArray();
                int voxels = 16 * 16 * 16;
                boolean found = false;
                for (int i = 2 * voxels; i < 3 * voxels; i++) {
                    found |= labels[i] != 0;
                }
                assertTrue(found, "sample 2 of batch " + it + " has no foreground");
            }
        }
    }

    @Test
    void caseWithoutForegroundFallsBackToRandomPatches() {
        int[] shape = {20, 20, 20};
        PreprocessedCase c = TrainFixtures.of("empty", new float[][] {new float[8000]}, new byte[8000], shape);
        PatchSampler sampler = new PatchSampler(PATCH, 0);
        assertNull(sampler.foregroundOrigin(c, new SplittableRandom(1)));
        int[] o = sampler.origin(c, true, new SplittableRandom(1));
        assertTrue(o[0] >= 0 && o[0] <= 4);
    }

    @Test
    void foregroundIndexKeepsAnEvenSubsetOfLargeClasses() {
        byte[] labels = new byte[60_000];
        for (int i = 0; i < 30_000; i++) {
            labels[2 * i] = 1;
        }
        labels[7] = 5;
        ForegroundIndex index = ForegroundIndex.of(labels);
        assertArrayEquals(new int[] {1, 5}, index.classes());
        int[] kept = index.locationsOf(0);
        assertEquals(10_000, kept.length);
        for (int i = 0; i < kept.length; i++) {
            assertEquals(1, labels[kept[i]]);
            assertEquals(6 * i, kept[i], "evenly spaced");
        }
        assertArrayEquals(new int[] {7}, index.locationsOf(1));
        assertFalse(index.isEmpty());
    }

    private static boolean hasForeground(Patch p) {
        for (byte b : p.labels()) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    private static List<Boolean> forced(int batch) {
        return forcedWith(batch, 0.33);
    }

    private static List<Boolean> forcedWith(int batch, double oversampling) {
        Boolean[] f = new Boolean[batch];
        for (int i = 0; i < batch; i++) {
            f[i] = PatchSampler.forcesForeground(i, batch, oversampling);
        }
        return List.of(f);
    }
}
