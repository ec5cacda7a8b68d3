package org.voxarch.runtime.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.voxarch.runtime.data.Region;
import org.voxarch.runtime.io.AtomicFiles;

/**
 * Collects the scores of many cases and reports them: a CSV with one row per case and region, and a summary with
 * the mean Dice and HD95 of every region over the cases and the mean over the regions (the reference's averaging:
 * over cases first, then over organs). Files are written atomically.
 */
public final class EvaluationReport {
    private final List<Region> regions;
    private final SegmentationMetrics.DistanceUnit unit;
    private final List<CaseEvaluation> cases = new ArrayList<>();

    /**
     * @param regions the regions every case is scored on, in report order
     * @param unit    the unit HD95 is in (shown in the headers)
     */
    public EvaluationReport(List<Region> regions, SegmentationMetrics.DistanceUnit unit) {
        this.regions = List.copyOf(regions);
        this.unit = unit;
    }

    /**
     * Adds a case's scores.
     *
     * @throws IllegalArgumentException if its regions are not this report's, in order
     */
    public void add(CaseEvaluation evaluation) {
        List<String> names = evaluation.scores().stream().map(RegionScore::region).toList();
        if (!names.equals(regions.stream().map(Region::name).toList())) {
            throw new IllegalArgumentException(evaluation.caseId() + " was scored on " + names + ", the report is on "
                    + regions.stream().map(Region::name).toList());
        }
        cases.add(evaluation);
    }

    /** @return the cases added so far */
    public List<CaseEvaluation> cases() {
        return List.copyOf(cases);
    }

    /**
     * The means over cases.
     *
     * @param regions   region name with its mean Dice and HD95, in report order
     * @param meanDice  the mean of the regions' mean Dice
     * @param meanHd95  the mean of the regions' mean HD95 (regions whose HD95 is missing in every case left out)
     * @param cases     how many cases the means are over
     * @param missingHd95 per region, how many cases have no HD95 (the prediction missed the region); they are left
     *                  out of that region's mean HD95
     */
    public record Summary(List<RegionScore> regions, double meanDice, double meanHd95, int cases,
            List<Integer> missingHd95) {

        /** @return case-regions without HD95, over all regions */
        public int totalMissingHd95() {
            return missingHd95.stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** @return per-region means over the cases and their mean over the regions (NaN with no cases) */
    public Summary summary() {
        List<RegionScore> means = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        double diceSum = 0;
        double hdSum = 0;
        int hdRegions = 0;
        for (int r = 0; r < regions.size(); r++) {
            double dice = 0;
            double hd = 0;
            int missed = 0;
            long prediction = 0;
            long reference = 0;
            for (CaseEvaluation c : cases) {
                RegionScore s = c.scores().get(r);
                dice += s.dice();
                if (s.hd95Missing()) {
                    missed++;
                } else {
                    hd += s.hd95();
                }
                prediction += s.prediction();
                reference += s.reference();
            }
            int n = cases.size();
            double hdMean = n - missed > 0 ? hd / (n - missed) : Double.NaN;
            means.add(new RegionScore(regions.get(r).name(), dice / n, hdMean, prediction, reference));
            missing.add(missed);
            diceSum += dice / n;
            if (!Double.isNaN(hdMean)) {
                hdSum += hdMean;
                hdRegions++;
            }
        }
        return new Summary(means, diceSum / regions.size(), hdRegions > 0 ? hdSum / hdRegions : Double.NaN,
                cases.size(), missing);
    }

    /** @return {@code case,region,labels,dice,hd95_<unit>,predicted_voxels,reference_voxels} rows */
    public String csv() {
        StringBuilder out = new StringBuilder("case,region,labels,dice,hd95_" + unitName() + ",predicted_voxels,"
                + "reference_voxels\n");
        for (CaseEvaluation c : cases) {
            for (int r = 0; r < regions.size(); r++) {
                RegionScore s = c.scores().get(r);
                out.append(csvField(c.caseId())).append(',').append(csvField(s.region())).append(',')
                        .append(labels(regions.get(r))).append(',').append(number(s.dice())).append(',')
                        .append(number(s.hd95())).append(',').append(s.prediction()).append(',')
                        .append(s.reference()).append('\n');
            }
        }
        return out.toString();
    }

    /** @return a text table: one row per region (mean Dice, mean HD95), then the mean over regions */
    public String summaryTable() {
        Summary s = summary();
        int width = Math.max("mean".length(), regions.stream().mapToInt(r -> r.name().length()).max().orElse(4));
        String format = "%-" + width + "s | %8s | %10s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "region", "Dice", "HD95 (" + unitName() + ")"));
        out.append("-".repeat(width)).append("-|----------|-----------\n");
        for (RegionScore r : s.regions()) {
            out.append(String.format(Locale.ROOT, format, r.region(), fixed(r.dice()), fixed(r.hd95())));
        }
        out.append("-".repeat(width)).append("-|----------|-----------\n");
        out.append(String.format(Locale.ROOT, format, "mean", fixed(s.meanDice()), fixed(s.meanHd95())));
        out.append(String.format(Locale.ROOT, "(%d case%s)%n", s.cases(), s.cases() == 1 ? "" : "s"));
        if (s.totalMissingHd95() > 0) {
            StringBuilder which = new StringBuilder();
            for (int r = 0; r < regions.size(); r++) {
                if (s.missingHd95().get(r) > 0) {
                    which.append(which.length() == 0 ? "" : ", ").append(regions.get(r).name()).append(' ')
                            .append(s.missingHd95().get(r));
                }
            }
            out.append(String.format(Locale.ROOT, "HD95 missing in %d case-region%s (%s): the prediction is empty"
                    + " where the reference is not; left out of the HD95 means (--reference-convention counts"
                    + " them as 0, as the paper)%n", s.totalMissingHd95(), s.totalMissingHd95() == 1 ? "" : "s",
                    which));
        }
        return out.toString();
    }

    /** Writes {@link #csv()} atomically. */
    public void writeCsv(Path file) {
        write(file, csv());
    }

    /** Writes {@link #summaryTable()} atomically. */
    public void writeSummary(Path file) {
        write(file, summaryTable());
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private String unitName() {
        return unit == SegmentationMetrics.DistanceUnit.VOXELS ? "voxels" : "mm";
    }

    private static String labels(Region r) {
        StringBuilder out = new StringBuilder();
        for (int l : r.labels()) {
            out.append(out.length() == 0 ? "" : "+").append(l);
        }
        return out.toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "missing" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
