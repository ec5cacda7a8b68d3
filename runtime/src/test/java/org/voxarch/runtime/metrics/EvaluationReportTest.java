package org.voxarch.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.data.Region;
import org.voxarch.runtime.metrics.SegmentationMetrics.DistanceUnit;

class EvaluationReportTest {
    @TempDir
    Path dir;

    private static final List<Region> REGIONS = List.of(Region.of("spleen", 1), new Region("kidneys", new int[] {2,
        3}));

    @Test
    void csvAndSummaryAverageOverCasesThenRegions() throws IOException {
        EvaluationReport report = new EvaluationReport(REGIONS, DistanceUnit.MILLIMETRES);
        report.add(new CaseEvaluation("img0001", List.of(new RegionScore("spleen", 0.9, 2.0, 100, 110),
                new RegionScore("kidneys", 0.5, 10.0, 50, 40))));
        report.add(new CaseEvaluation("img0002", List.of(new RegionScore("spleen", 0.7, 4.0, 90, 80),
                new RegionScore("kidneys", 0.3, 6.0, 30, 20))));
        EvaluationReport.Summary s = report.summary();
        assertEquals(0.8, s.regions().get(0).dice(), 1e-12);
        assertEquals(8.0, s.regions().get(1).hd95(), 1e-12);
        assertEquals((0.8 + 0.4) / 2, s.meanDice(), 1e-12);
        assertEquals((3.0 + 8.0) / 2, s.meanHd95(), 1e-12);

        report.writeCsv(dir.resolve("metrics.csv"));
        report.writeSummary(dir.resolve("summary.txt"));
        assertEquals("""
                case,region,labels,dice,hd95_mm,predicted_voxels,reference_voxels
                img0001,spleen,1,0.900000,2.000000,100,110
                img0001,kidneys,2+3,0.500000,10.000000,50,40
                img0002,spleen,1,0.700000,4.000000,90,80
                img0002,kidneys,2+3,0.300000,6.000000,30,20
                """, Files.readString(dir.resolve("metrics.csv")));
        assertEquals("""
                region  |     Dice |  HD95 (mm)
                --------|----------|-----------
                spleen  |   0.8000 |     3.0000
                kidneys |   0.4000 |     8.0000
                --------|----------|-----------
                mean    |   0.6000 |     5.5000
                (2 cases)
                """, Files.readString(dir.resolve("summary.txt")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }

    @Test
    void missingHd95IsLeftOutOfTheMeansAndCountedInTheSummary() throws IOException {
        EvaluationReport report = new EvaluationReport(REGIONS, DistanceUnit.MILLIMETRES);
        report.add(new CaseEvaluation("img0001", List.of(new RegionScore("spleen", 0.9, 2.0, 100, 110),
                new RegionScore("kidneys", 0.0, Double.NaN, 0, 40))));
        report.add(new CaseEvaluation("img0002", List.of(new RegionScore("spleen", 0.0, Double.NaN, 0, 80),
                new RegionScore("kidneys", 0.3, 6.0, 30, 20))));
        report.add(new CaseEvaluation("img0003", List.of(new RegionScore("spleen", 0.7, 4.0, 90, 80),
                new RegionScore("kidneys", 0.0, Double.NaN, 0, 20))));
        EvaluationReport.Summary s = report.summary();
        assertEquals(3.0, s.regions().get(0).hd95(), 1e-12, "spleen: mean of 2 and 4, the miss left out");
        assertEquals(6.0, s.regions().get(1).hd95(), 1e-12);
        assertEquals((3.0 + 6.0) / 2, s.meanHd95(), 1e-12);
        assertEquals((1.6 / 3 + 0.3 / 3) / 2, s.meanDice(), 1e-12, "Dice still counts the misses as 0");
        assertEquals(List.of(1, 2), s.missingHd95());
        report.writeCsv(dir.resolve("metrics.csv"));
        assertTrue(Files.readString(dir.resolve("metrics.csv")).contains("img0001,kidneys,2+3,0.000000,NaN,0,40\n"));
        assertEquals("""
                region  |     Dice |  HD95 (mm)
                --------|----------|-----------
                spleen  |   0.5333 |     3.0000
                kidneys |   0.1000 |     6.0000
                --------|----------|-----------
                mean    |   0.3167 |     4.5000
                (3 cases)
                HD95 missing in 3 case-regions (spleen 1, kidneys 2): the prediction is empty where the reference is\
                 not; left out of the HD95 means (--reference-convention counts them as 0, as the paper)
                """, report.summaryTable());
    }

    @Test
    void regionMissedInEveryCaseHasNoMeanHd95() {
        EvaluationReport report = new EvaluationReport(REGIONS, DistanceUnit.MILLIMETRES);
        report.add(new CaseEvaluation("img0001", List.of(new RegionScore("spleen", 0.9, 2.0, 100, 110),
                new RegionScore("kidneys", 0.0, Double.NaN, 0, 40))));
        EvaluationReport.Summary s = report.summary();
        assertTrue(Double.isNaN(s.regions().get(1).hd95()));
        assertEquals(2.0, s.meanHd95(), 1e-12, "only the regions with an HD95");
        assertTrue(report.summaryTable().contains("kidneys |   0.0000 |    missing"), report.summaryTable());
    }

    @Test
    void casesScoredOnOtherRegionsAreRefused() {
        EvaluationReport report = new EvaluationReport(REGIONS, DistanceUnit.VOXELS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> report.add(
                new CaseEvaluation("x", List.of(new RegionScore("liver", 1, 0, 0, 0)))));
        assertEquals("x was scored on [liver], the report is on [spleen, kidneys]", e.getMessage());
    }
}
