package org.voxarch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.runtime.data.Region;
import org.voxarch.runtime.metrics.CaseEvaluation;
import org.voxarch.runtime.metrics.EvaluationReport;
import org.voxarch.runtime.metrics.RegionScore;
import org.voxarch.runtime.metrics.SegmentationMetrics;
import org.voxarch.runtime.train.CsvLog;

/**
 * What a member's folder says once it is scored: the means of {@code evaluate}'s per-case CSV (recomputed by the
 * same {@link EvaluationReport}), the training time (the epochs' wall seconds, so a resumed run counts each epoch
 * once) and the validation Dice of every epoch.
 */
record MemberOutcome(EvaluationReport.Summary scores, double trainSeconds, double[] epochs, double[] validationDice) {

    static MemberOutcome read(MemberRun run) throws IOException {
        List<double[]> log = readLog(run.dir().resolve(CsvLog.FILE_NAME));
        return new MemberOutcome(readScores(run.scores()), log.stream().mapToDouble(r -> r[2]).sum(),
                log.stream().mapToDouble(r -> r[0]).toArray(), log.stream().mapToDouble(r -> r[1]).toArray());
    }

    /** Rows of {@code training_log.csv} as (epoch, val Dice, seconds). */
    private static List<double[]> readLog(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int epoch = header.indexOf("epoch");
        int dice = header.indexOf("val_dice");
        int seconds = header.indexOf("seconds");
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            rows.add(new double[] {Double.parseDouble(f[epoch]), f[dice].isEmpty() ? Double.NaN
                    : Double.parseDouble(f[dice]), Double.parseDouble(f[seconds])});
        }
        return rows;
    }

    /** The summary of {@code evaluation.csv}: case,region,labels,dice,hd95_unit,predicted,reference per row. */
    private static EvaluationReport.Summary readScores(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<String, List<RegionScore>> cases = new LinkedHashMap<>();
        Map<String, Region> regions = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            int[] labels = Arrays.stream(f.get(2).split("\\+")).mapToInt(Integer::parseInt).toArray();
            regions.putIfAbsent(f.get(1), new Region(f.get(1), labels));
            cases.computeIfAbsent(f.get(0), k -> new ArrayList<>()).add(new RegionScore(f.get(1),
                    Double.parseDouble(f.get(3)), Double.parseDouble(f.get(4)), Long.parseLong(f.get(5)),
                    Long.parseLong(f.get(6))));
        }
        SegmentationMetrics.DistanceUnit unit = lines.get(0).contains("hd95_voxels")
                ? SegmentationMetrics.DistanceUnit.VOXELS : SegmentationMetrics.DistanceUnit.MILLIMETRES;
        EvaluationReport report = new EvaluationReport(List.copyOf(regions.values()), unit);
        cases.forEach((id, scores) -> report.add(new CaseEvaluation(id, scores)));
        return report.summary();
    }

    /** One CSV line's fields; a quoted field may hold commas and doubled quotes. */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
