package org.voxarch.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.data.Volume;

class OverlayTest {
    @TempDir
    Path dir;

    @Test
    void slicesAreDrawnSideBySideWithColouredLabels() throws IOException {
        int[] shape = {10, 32, 32};
        float[] image = new float[10 * 32 * 32];
        float[] labels = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i % 32) * 4; // a horizontal grey ramp
            int z = i / 1024;
            int y = (i / 32) % 32;
            int x = i % 32;
            if (z >= 3 && z <= 6 && y < 16 && x < 16) {
                labels[i] = 2;
            }
        }
        Volume img = new Volume(image, shape, new double[] {3, 1, 1}, null);
        Path png = dir.resolve("overlay.png");
        Overlay.writePng(img, img.withData(labels), 3, png);
        BufferedImage out = ImageIO.read(png.toFile());
        assertEquals(8 + 3 * (256 + 8), out.getWidth(), "three 256-pixel square panels");
        assertArrayEquals(new int[] {3, 5, 6}, Overlay.evenSlices(img.withData(labels), 3));
        int panelTop = 8 + 18;
        // Rows are drawn bottom up: the labelled rows y < 16 are in the lower half of the panel.
        int labelled = out.getRGB(8 + 10, panelTop + 200) & 0xFFFFFF;
        int plain = out.getRGB(8 + 10, panelTop + 10) & 0xFFFFFF;
        int r = (plain >> 16) & 0xFF;
        assertEquals(r, plain & 0xFF, "unlabelled pixels are grey");
        assertNotEquals(labelled, plain);
        int expectedRed = Math.round((0.55f * r / 255f + 0.45f * 0x3c / 255f) * 255);
        assertEquals(expectedRed, (labelled >> 16) & 0xFF, 1, "45 % of label 2's colour (#3cb44b)");

        Overlay.writePng(img, img.withData(labels), new int[] {0, 9}, Map.of(2, "liver"), dir.resolve("two.png"));
        assertEquals(8 + 2 * (256 + 8), ImageIO.read(dir.resolve("two.png").toFile()).getWidth());
    }
}
