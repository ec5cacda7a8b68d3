package org.voxarch.runtime.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.voxarch.runtime.io.AtomicFiles;

/**
 * A PNG of the training curves: training and validation loss on the left axis, validation Dice and its moving
 * average on the right (as nnU-Net's {@code progress.png}). Drawn off-screen, so it works without a display.
 */
public final class CurvePlot {
    /** The plot's file name in the output directory. */
    public static final String FILE_NAME = "progress.png";

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    private static final int LOSS_AXIS = 0;
    private static final int DICE_AXIS = 1;

    private CurvePlot() {
    }

    /** Draws {@code epochs} into {@code file} (PNG), replacing it atomically. */
    public static void write(Path file, List<EpochRecord> epochs) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Training progress")
                .xAxisTitle("epoch").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setMarkerSize(4);
        chart.setYAxisGroupTitle(LOSS_AXIS, "loss");
        chart.setYAxisGroupTitle(DICE_AXIS, "Dice");
        chart.getStyler().setYAxisGroupPosition(DICE_AXIS, Styler.YAxisPosition.Right);
        series(chart, "train loss", epochs, EpochRecord::trainLoss, LOSS_AXIS);
        series(chart, "val loss", epochs, EpochRecord::validationLoss, LOSS_AXIS);
        series(chart, "val Dice", epochs, EpochRecord::validationDice, DICE_AXIS);
        series(chart, "EMA Dice", epochs, EpochRecord::emaDice, DICE_AXIS);
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        AtomicFiles.write(file, temporary -> Files.write(temporary, png));
    }

    /** Adds the defined values of one curve; a curve with none is left out (xchart cannot draw an empty one). */
    private static void series(XYChart chart, String name, List<EpochRecord> epochs,
                               ToDoubleFunction<EpochRecord> value, int axis) {
        double[] x = epochs.stream().filter(e -> !Double.isNaN(value.applyAsDouble(e)))
                .mapToDouble(EpochRecord::epoch).toArray();
        double[] y = epochs.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray();
        if (x.length == 0) {
            return;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setYAxisGroup(axis);
    }
}
