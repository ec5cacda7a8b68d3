package org.voxarch.runtime.metrics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.voxarch.runtime.data.Volume;
import org.voxarch.runtime.io.AtomicFiles;

/**
 * A picture for checking a segmentation by eye: a few axial slices side by side, the image in grey (windowed to its
 * 0.5–99.5th percentiles) with each label in its own semi-transparent colour, and a legend. Rows are drawn bottom
 * up, so that in RAS-ordered images (most NIfTI files) anterior is at the top, as viewers show axial slices. Drawn with java.awt
 * into a {@link BufferedImage}, which needs no display (works headless), and written as PNG atomically.
 */
public final class Overlay {
    private static final int PANEL_HEIGHT = 256;
    private static final int MARGIN = 8;
    private static final int CAPTION = 18;
    private static final int LEGEND_ROW = 20;
    private static final float ALPHA = 0.45f;
    /** Distinct colours for labels 1, 2, ... (cycled). */
    private static final int[] PALETTE = {0xe6194b, 0x3cb44b, 0xffe119, 0x4363d8, 0xf58231, 0x911eb4, 0x46f0f0,
        0xf032e6, 0xbcf60c, 0xfabebe, 0x008080, 0xe6beff, 0x9a6324, 0xfffac8, 0x800000, 0xaaffc3};

    private Overlay() {
    }

    /** @return the colour of a label value (1..255) */
    public static Color colour(int label) {
        return new Color(PALETTE[(label - 1) % PALETTE.length]);
    }

    /** Writes {@code count} axial slices spread evenly over the labelled extent (the whole image if unlabelled). */
    public static void writePng(Volume image, Volume labels, int count, Path png) {
        writePng(image, labels, evenSlices(labels, count), Map.of(), png);
    }

    /** As {@link #writePng(Volume, Volume, int, Path)} with named labels in the legend. */
    public static void writePng(Volume image, Volume labels, int count, Map<Integer, String> names, Path png) {
        writePng(image, labels, evenSlices(labels, count), names, png);
    }

    /** Writes the given axial slices (z indices). */
    public static void writePng(Volume image, Volume labels, int[] slices, Path png) {
        writePng(image, labels, slices, Map.of(), png);
    }

    /**
     * Writes the given axial slices with named labels in the legend.
     *
     * @param names label value → name; values without a name are shown as numbers
     * @throws IllegalArgumentException if the grids differ or a slice is outside the image
     */
    public static void writePng(Volume image, Volume labels, int[] slices, Map<Integer, String> names, Path png) {
        if (!image.sameGrid(labels)) {
            throw new IllegalArgumentException("image grid " + Arrays.toString(image.shape()) + " and label grid "
                    + Arrays.toString(labels.shape()) + " differ");
        }
        for (int z : slices) {
            if (z < 0 || z >= image.depth()) {
                throw new IllegalArgumentException("slice " + z + " is outside 0.." + (image.depth() - 1));
            }
        }
        BufferedImage picture = render(image, labels, slices, names);
        try {
            AtomicFiles.writeStream(png, out -> ImageIO.write(picture, "png", out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    /** @return {@code count} z indices spread evenly over the slices that hold labels */
    static int[] evenSlices(Volume labels, int count) {
        int plane = labels.height() * labels.width();
        float[] d = labels.data();
        int first = -1;
        int last = -1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] != 0) {
                last = i / plane;
                first = first < 0 ? last : first;
            }
        }
        if (first < 0) {
            first = 0;
            last = labels.depth() - 1;
        }
        int n = Math.max(1, Math.min(count, last - first + 1));
        int[] slices = new int[n];
        for (int k = 0; k < n; k++) {
            slices[k] = first + (int) Math.round((k + 0.5) * (last - first + 1) / n - 0.5);
        }
        return slices;
    }

    private static BufferedImage render(Volume image, Volume labels, int[] slices, Map<Integer, String> names) {
        double[] sp = image.spacing();
        // Square millimetres on screen: the panel's width follows the physical aspect ratio.
        double mmPerPixel = image.height() * sp[1] / PANEL_HEIGHT;
        int panelWidth = Math.max(1, (int) Math.round(image.width() * sp[2] / mmPerPixel));
        TreeMap<Integer, Color> legend = new TreeMap<>();
        for (float v : labels.data()) {
            if (v > 0) {
                legend.computeIfAbsent((int) v, Overlay::colour);
            }
        }
        int legendHeight = LEGEND_ROW * Math.max(1, (legend.size() + 3) / 4) + MARGIN;
        int width = MARGIN + slices.length * (panelWidth + MARGIN);
        int height = MARGIN + CAPTION + PANEL_HEIGHT + MARGIN + legendHeight;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        float[] window = window(image.data());
        for (int k = 0; k < slices.length; k++) {
            int x0 = MARGIN + k * (panelWidth + MARGIN);
            int y0 = MARGIN + CAPTION;
            g.setColor(Color.WHITE);
            g.drawString("z = " + slices[k], x0, MARGIN + 12);
            drawSlice(out, image, labels, slices[k], window, x0, y0, panelWidth);
        }
        drawLegend(g, legend, names, MARGIN + CAPTION + PANEL_HEIGHT + MARGIN, width);
        g.dispose();
        return out;
    }

    /** Draws one slice with the last row (y = height − 1, anterior in RAS-ordered data) at the top. */
    private static void drawSlice(BufferedImage out, Volume image, Volume labels, int z, float[] window, int x0,
            int y0, int panelWidth) {
        float lo = window[0];
        float range = Math.max(window[1] - window[0], 1e-6f);
        float[] img = image.data();
        float[] lab = labels.data();
        for (int py = 0; py < PANEL_HEIGHT; py++) {
            int y = image.height() - 1 - Math.min(image.height() - 1, py * image.height() / PANEL_HEIGHT);
            for (int px = 0; px < panelWidth; px++) {
                int x = Math.min(image.width() - 1, px * image.width() / panelWidth);
                int i = image.index(z, y, x);
                float grey = Math.min(1f, Math.max(0f, (img[i] - lo) / range));
                float r = grey;
                float gr = grey;
                float b = grey;
                int label = (int) lab[i];
                if (label > 0) {
                    int c = colour(label).getRGB();
                    r = (1 - ALPHA) * grey + ALPHA * ((c >> 16) & 0xFF) / 255f;
                    gr = (1 - ALPHA) * grey + ALPHA * ((c >> 8) & 0xFF) / 255f;
                    b = (1 - ALPHA) * grey + ALPHA * (c & 0xFF) / 255f;
                }
                out.setRGB(x0 + px, y0 + py, (Math.round(r * 255) << 16) | (Math.round(gr * 255) << 8)
                        | Math.round(b * 255));
            }
        }
    }

    private static void drawLegend(Graphics2D g, TreeMap<Integer, Color> legend, Map<Integer, String> names, int top,
            int width) {
        if (legend.isEmpty()) {
            g.setColor(Color.WHITE);
            g.drawString("no labels", MARGIN, top + 14);
            return;
        }
        int column = Math.max(120, (width - MARGIN) / 4);
        int k = 0;
        for (Map.Entry<Integer, Color> e : legend.entrySet()) {
            int x = MARGIN + (k % 4) * column;
            int y = top + (k / 4) * LEGEND_ROW;
            g.setColor(e.getValue());
            g.fillRect(x, y + 3, 12, 12);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(1));
            g.drawRect(x, y + 3, 12, 12);
            String name = names.get(e.getKey());
            g.drawString(e.getKey() + (name == null ? "" : " " + name), x + 18, y + 14);
            k++;
        }
    }

    /** @return the 0.5th and 99.5th percentiles of a sample of the values (every value for small images) */
    private static float[] window(float[] values) {
        int stride = Math.max(1, values.length / 200_000);
        float[] sample = new float[(values.length + stride - 1) / stride];
        for (int i = 0, k = 0; i < values.length; i += stride, k++) {
            sample[k] = values[i];
        }
        Arrays.sort(sample);
        return new float[] {sample[(int) (0.005 * (sample.length - 1))], sample[(int) (0.995 * (sample.length - 1))]};
    }
}
