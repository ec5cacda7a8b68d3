package org.voxarch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.runtime.io.AtomicFiles;
import org.voxarch.runtime.metrics.RegionScore;

/**
 * The tables of an ablation: the static one ({@code --plan}: size, cost and what differs from the base) and the
 * results ({@code ablation.md}, {@code ablation.csv} and the plots), one row per member.
 */
final class AblationReport {
    static final String MARKDOWN = "ablation.md";
    static final String CSV = "ablation.csv";
    static final String DICE_VS_GFLOPS = "dice_vs_gflops.png";
    static final String DICE_VS_PARAMS = "dice_vs_params.png";
    static final String VALIDATION_CURVES = "validation_dice.png";
    static final String MEMORY_NOTE = "activation memory: the training activations of one sample as summary reports"
            + " them (every tensor the forward produces, float32; an upper bound)";

    /**
     * A member's row.
     *
     * @param model   the network as elaborated (trained with), or null when broken
     * @param differs what sets it apart from the base
     * @param status  {@code planned}, {@code done}, {@code broken} or why it failed
     * @param outcome scores and curves, or null before it is scored
     */
    record Row(String name, NetworkModel model, String differs, String status, MemberOutcome outcome) {}

    private AblationReport() {
    }

    static AblationTable plan(List<Row> rows) {
        AblationTable table = new AblationTable(
                List.of("member", "params", "GFLOPs", "act. MiB/sample", "differs from base"),
                List.of("member", "params", "gflops", "activation_mib", "differs"), false, true, true, true, false);
        for (Row r : rows) {
            List<AblationTable.Cell> cells = new ArrayList<>(List.of(AblationTable.Cell.text(r.name())));
            cells.addAll(figures(r));
            cells.add(AblationTable.Cell.text(r.model() == null ? r.status() : r.differs()));
            table.add(cells);
        }
        return table;
    }

    static AblationTable results(List<Row> rows, String hd95Unit) {
        List<String> regions = regions(rows);
        List<String> header = new ArrayList<>(List.of("member", "status", "params", "GFLOPs", "act. MiB/sample"));
        List<String> csv = new ArrayList<>(List.of("member", "status", "params", "gflops", "activation_mib"));
        regions.forEach(r -> {
            header.add("Dice " + r);
            csv.add("dice_" + r.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
        });
        header.addAll(List.of("mean Dice", "mean HD95 (" + hd95Unit + ")", "train s", "differs from base"));
        csv.addAll(List.of("dice_mean", "hd95_mean_" + hd95Unit, "train_seconds", "differs"));
        boolean[] numeric = new boolean[header.size()];
        Arrays.fill(numeric, 2, numeric.length - 1, true);
        AblationTable table = new AblationTable(header, csv, numeric);
        for (Row r : rows) {
            List<AblationTable.Cell> cells = new ArrayList<>(List.of(AblationTable.Cell.text(r.name()),
                    AblationTable.Cell.text(r.status())));
            cells.addAll(figures(r));
            MemberOutcome o = r.outcome();
            for (String region : regions) {
                cells.add(o == null ? AblationTable.Cell.empty() : AblationTable.Cell.number(o.scores().regions()
                        .stream().filter(s -> s.region().equals(region)).mapToDouble(RegionScore::dice)
                        .findFirst().orElse(Double.NaN), 4));
            }
            cells.add(o == null ? AblationTable.Cell.empty() : AblationTable.Cell.number(o.scores().meanDice(), 4));
            cells.add(o == null ? AblationTable.Cell.empty() : AblationTable.Cell.number(o.scores().meanHd95(), 2));
            cells.add(o == null ? AblationTable.Cell.empty() : AblationTable.Cell.number(o.trainSeconds(), 0));
            cells.add(AblationTable.Cell.text(r.model() == null ? "" : r.differs()));
            table.add(cells);
        }
        return table;
    }

    /** Writes ablation.md, ablation.csv and the three plots into {@code dir}, each atomically. */
    static void write(Path dir, Path spec, List<Row> rows, String hd95Unit, String budget) throws IOException {
        AblationTable table = results(rows, hd95Unit);
        AtomicFiles.writeString(dir.resolve(CSV), table.csv());
        AtomicFiles.writeString(dir.resolve(MARKDOWN), "# Ablation: " + spec.getFileName() + "\n\n"
                + "Every member trained with: `" + budget + "`; scored on the dataset's test cases.\n\n"
                + table.markdown() + "\n" + MEMORY_NOTE + ".\n");
        List<AblationPlots.Point> byFlops = new ArrayList<>();
        List<AblationPlots.Point> byParams = new ArrayList<>();
        List<AblationPlots.Curve> curves = new ArrayList<>();
        for (Row r : rows) {
            if (r.outcome() != null && r.model() != null) {
                double dice = r.outcome().scores().meanDice();
                byFlops.add(new AblationPlots.Point(r.name(), r.model().flops() / 1e9, dice));
                byParams.add(new AblationPlots.Point(r.name(), r.model().parameterCount() / 1e6, dice));
                curves.add(new AblationPlots.Curve(r.name(), r.outcome().epochs(), r.outcome().validationDice()));
            }
        }
        AblationPlots.scatter(dir.resolve(DICE_VS_GFLOPS), "Mean test Dice against cost", "GFLOPs (one sample)",
                "mean Dice", byFlops);
        AblationPlots.scatter(dir.resolve(DICE_VS_PARAMS), "Mean test Dice against size", "parameters (millions)",
                "mean Dice", byParams);
        AblationPlots.curves(dir.resolve(VALIDATION_CURVES), "Validation Dice per epoch", "epoch",
                "validation Dice", curves, false);
    }

    private static List<AblationTable.Cell> figures(Row r) {
        if (r.model() == null) {
            return List.of(AblationTable.Cell.empty(), AblationTable.Cell.empty(), AblationTable.Cell.empty());
        }
        return List.of(AblationTable.Cell.count(r.model().parameterCount()),
                AblationTable.Cell.number(r.model().flops() / 1e9, 2),
                AblationTable.Cell.number(r.model().trainingActivationBytes() / (1024.0 * 1024), 1));
    }

    private static List<String> regions(List<Row> rows) {
        Set<String> out = new LinkedHashSet<>();
        for (Row r : rows) {
            if (r.outcome() != null) {
                r.outcome().scores().regions().forEach(s -> out.add(s.region()));
            }
        }
        return List.copyOf(out);
    }
}
