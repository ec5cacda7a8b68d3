package org.voxarch.runtime.data;

import java.util.Arrays;

/** A growable list of floats without boxing, with the statistics the planner needs. */
final class FloatSamples {
    private float[] values = new float[1024];
    private int size;

    void add(float v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    /** @return the arithmetic mean (0 when empty) */
    double mean() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return size == 0 ? 0 : sum / size;
    }

    /** @return the population standard deviation (numpy's default, ddof 0) */
    double std() {
        double mean = mean();
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double d = values[i] - mean;
            sum += d * d;
        }
        return size == 0 ? 0 : Math.sqrt(sum / size);
    }

    /** @return the given percentiles (0..100) with linear interpolation between ranks, as numpy's default */
    double[] percentiles(double... ps) {
        float[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        double[] out = new double[ps.length];
        for (int k = 0; k < ps.length; k++) {
            out[k] = percentileOfSorted(sorted, ps[k]);
        }
        return out;
    }

    static double percentileOfSorted(float[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        double rank = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    /** @return the median of each column of {@code rows} (numpy's {@code percentile(rows, 50, axis=0)}) */
    static double[] columnMedians(double[][] rows) {
        int columns = rows[0].length;
        double[] out = new double[columns];
        for (int c = 0; c < columns; c++) {
            out[c] = columnPercentile(rows, c, 50);
        }
        return out;
    }

    static double columnPercentile(double[][] rows, int column, double p) {
        double[] col = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            col[r] = rows[r][column];
        }
        Arrays.sort(col);
        double rank = p / 100.0 * (col.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, col.length - 1);
        return col[lo] + (col[hi] - col[lo]) * (rank - lo);
    }
}
