package org.voxarch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.voxarch.runtime.io.AtomicFiles;

/**
 * The PNG charts of ablation and complexity studies, drawn off-screen with XChart as the training curves are
 * ({@code progress.png}) and written atomically.
 */
final class AblationPlots {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 650;

    /** A labelled point. */
    record Point(String label, double x, double y) {}

    /** A named curve. */
    record Curve(String name, double[] x, double[] y) {}

    private AblationPlots() {
    }

    /** One marker per point, labelled beside it and in the legend; points with an undefined value are left out. */
    static void scatter(Path file, String title, String xTitle, String yTitle, List<Point> points)
            throws IOException {
        XYChart chart = chart(title, xTitle, yTitle);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setXAxisDecimalPattern("#,##0.###");
        for (Point p : points) {
            if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                chart.addSeries(p.label(), new double[] {p.x()}, new double[] {p.y()});
                chart.addAnnotation(new AnnotationText(p.label(), p.x(), p.y(), false));
            }
        }
        write(file, chart);
    }

    /** Curves with markers; {@code logLog} puts both axes on a log scale. */
    static void curves(Path file, String title, String xTitle, String yTitle, List<Curve> curves, boolean logLog)
            throws IOException {
        XYChart chart = chart(title, xTitle, yTitle);
        chart.getStyler().setXAxisLogarithmic(logLog).setYAxisLogarithmic(logLog);
        chart.getStyler().setMarkerSize(5);
        for (Curve c : curves) {
            int n = 0;
            double[] x = new double[c.x().length];
            double[] y = new double[c.y().length];
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(c.x()[i]) && Double.isFinite(c.y()[i]) && (!logLog || c.y()[i] > 0)) {
                    x[n] = c.x()[i];
                    y[n++] = c.y()[i];
                }
            }
            if (n > 0) {
                chart.addSeries(c.name(), Arrays.copyOf(x, n), Arrays.copyOf(y, n))
                        .setMarker(SeriesMarkers.CIRCLE);
            }
        }
        write(file, chart);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        return chart;
    }

    private static void write(Path file, XYChart chart) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, temporary -> Files.write(temporary, png));
    }
}
