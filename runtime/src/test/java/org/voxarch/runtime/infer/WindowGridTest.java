package org.voxarch.runtime.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WindowGridTest {
    @Test
    void stepsFollowNnUnetsFormula() {
        // n = ceil((size − patch) / (0.5 · patch)) + 1, spread evenly, rounded half to even.
        assertArrayEquals(new int[] {0, 18, 36}, WindowGrid.starts(100, 64, 0.5));
        assertArrayEquals(new int[] {0, 36, 72}, WindowGrid.starts(200, 128, 0.5));
        assertArrayEquals(new int[] {0, 1}, WindowGrid.starts(65, 64, 0.5));
        assertArrayEquals(new int[] {0}, WindowGrid.starts(64, 64, 0.5));
        assertArrayEquals(new int[] {0}, WindowGrid.starts(10, 64, 0.5));
        assertArrayEquals(new int[] {0, 2, 5}, WindowGrid.starts(11, 6, 0.5), "2.5 rounds to 2, as numpy does");
        assertArrayEquals(new int[] {0, 64, 128, 192, 256, 320, 384}, WindowGrid.starts(512, 128, 0.5));
    }

    @Test
    void windowsCoverThePaddedGrid() {
        int[] shape = {10, 100, 65};
        int[] patch = {16, 64, 64};
        int[] padded = WindowGrid.paddedShape(shape, patch);
        assertArrayEquals(new int[] {16, 100, 65}, padded);
        assertArrayEquals(new int[] {3, 0, 0}, WindowGrid.padBefore(shape, patch));
        assertEquals(1 * 3 * 2, WindowGrid.windows(padded, patch, 0.5).size());
    }
}
