package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CLI's predict and evaluate steps as the end-to-end tests run them, and readers of what they write. */
final class PipelineSteps {
    private PipelineSteps() {
    }

    /** Segments a dataset's test cases with a run's weights (no mirroring) and scores them; both must succeed. */
    static CliRun predictAndEvaluate(Path run, Path data, Path predictions) {
        CliRun predict = CliRun.of("predict", "--run", run.toString(), "--input", data.toString(), "-o",
                predictions.toString(), "--no-mirror");
        assertEquals(0, predict.exitCode(), predict.err());
        CliRun evaluate = CliRun.of("evaluate", "--pred", predictions.toString(), "--truth", data.toString(),
                "--run", run.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        return evaluate;
    }

    /** The mean of the Dice column over every case and region of an {@code evaluation.csv}. */
    static double meanDice(Path csv) throws IOException {
        return diceByRegion(csv).values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The mean Dice over the cases, per region, in the order of the file. */
    static Map<String, Double> diceByRegion(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int region = header.indexOf("region");
        int dice = header.indexOf("dice");
        assertTrue(region >= 0 && dice >= 0, "no region or dice column in " + header);
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double[] s = sums.computeIfAbsent(cells[region], k -> new double[2]);
            s[0] += Double.parseDouble(cells[dice]);
            s[1]++;
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((k, s) -> means.put(k, s[0] / s[1]));
        return means;
    }
}
