package org.voxarch.runtime.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaussianImportanceTest {
    @Test
    void peaksAtTheCentreWithSigmaAnEighthOfThePatch() {
        int[] patch = {8, 16, 6};
        float[] map = GaussianImportance.of(patch);
        assertEquals(8 * 16 * 6, map.length);
        int centre = (4 * 16 + 8) * 6 + 3; // patch // 2 on every axis
        assertEquals(1f, map[centre]);
        float max = 0;
        float min = Float.MAX_VALUE;
        for (float v : map) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertEquals(1f, max);
        assertTrue(min > 0, "no zero weights");
        // σ = (1, 2, 0.75): two voxels off-centre along x is exp(−½ (2 / 0.75)²).
        assertEquals(Math.exp(-0.5 * Math.pow(2 / 0.75, 2)), map[centre + 2], 1e-7);
        assertEquals(Math.exp(-0.5 * 4), map[centre - 2 * 16 * 6], 1e-7, "two voxels along z, σ 1");
        // The corner (0, 0, 0) lies 4σ from the centre on every axis: exp(−8)³.
        assertEquals(Math.exp(-24), map[0], 1e-15);
        assertEquals(map[0], min);
    }

    @Test
    void isSymmetricAboutTheCentreForOddSizes() {
        int[] patch = {5, 7, 9};
        float[] map = GaussianImportance.of(patch);
        for (int z = 0; z < 5; z++) {
            for (int y = 0; y < 7; y++) {
                for (int x = 0; x < 9; x++) {
                    assertEquals(map[(z * 7 + y) * 9 + x], map[((4 - z) * 7 + 6 - y) * 9 + 8 - x]);
                }
            }
        }
    }
}
