package org.voxarch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.voxarch.runtime.data.Benchmarks;
import org.voxarch.runtime.data.DatasetCheck;
import org.voxarch.runtime.data.MsdDataset;
import org.voxarch.runtime.data.Nifti;
import org.voxarch.runtime.data.Region;
import org.voxarch.runtime.data.Volume;
import org.voxarch.runtime.metrics.EvaluationReport;
import org.voxarch.runtime.metrics.SegmentationMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Dice and HD95 of predicted label maps against reference label maps. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score predictions against references: Dice and HD95 per case and per class or region,",
            "written as evaluation.csv and summary.txt (HD95 in mm; --voxels to compare with the paper).",
            "Dice is 1 where both masks are empty. A region the prediction misses but the reference has gets no",
            "HD95 (NaN in the CSV, left out of the means and counted as missing in the summary);",
            "--reference-convention gives it 0 instead, as the paper's evaluation scripts do."})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--pred", required = true, paramLabel = "DIR", description = "Predicted <case>.nii.gz files.")
    Path predictions;

    @Option(names = "--truth", required = true, paramLabel = "DIR",
            description = "Reference labels: a folder of <case>.nii.gz, or an MSD dataset (labelsTr/).")
    Path truth;

    @Option(names = "--run", paramLabel = "DIR", description = "Take the evaluated regions from a training run.")
    Path run;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Take them from a benchmark (synapse, brats...).")
    String benchmark;

    @Option(names = "--voxels", description = "HD95 in voxels instead of millimetres.")
    boolean voxels;

    @Option(names = "--reference-convention",
            description = "HD95 0 (not missing) where the prediction misses a region, as the paper's numbers.")
    boolean referenceConvention;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to write (default: --pred).")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (InputGuard.same(predictions, truth)) {
            throw new UserError("--pred " + predictions + " and --truth " + truth + " are the same folder: the"
                    + " predictions would be scored against themselves (Dice 1); nothing was written");
        }
        List<Path> predicted = niftiFiles(predictions);
        if (predicted.isEmpty()) {
            throw new UserError(predictions + ": no .nii or .nii.gz predictions");
        }
        List<Path> labelDirs = Files.exists(truth.resolve(MsdDataset.DESCRIPTOR))
                ? List.of(truth.resolve("labelsTs"), truth.resolve("labelsTr")) : List.of(truth);
        EvaluationReport report = null;
        List<Region> regions = regions();
        for (Path p : predicted) {
            String id = p.getFileName().toString().replaceFirst("\\.nii(\\.gz)?$", "");
            Path reference = reference(labelDirs, id);
            if (InputGuard.same(p, reference)) {
                throw new UserError("--pred " + p + " is its own reference (" + reference + "): the predictions are"
                        + " the reference labels, which would score Dice 1; nothing was written");
            }
            Volume pred = Nifti.read(p);
            Volume ref = Nifti.read(reference);
            DatasetCheck.requireLabelValues(p, pred);
            DatasetCheck.requireLabelValues(reference, ref);
            DatasetCheck.requireSameGrid(p, pred, "prediction", reference, ref);
            if (regions == null) {
                regions = regionsFrom(ref);
            }
            if (report == null) {
                report = new EvaluationReport(regions, voxels ? SegmentationMetrics.DistanceUnit.VOXELS
                        : SegmentationMetrics.DistanceUnit.MILLIMETRES);
            }
            report.add(SegmentationMetrics.evaluate(id, pred, ref, regions, voxels
                    ? SegmentationMetrics.DistanceUnit.VOXELS : SegmentationMetrics.DistanceUnit.MILLIMETRES,
                    referenceConvention ? SegmentationMetrics.MissedRegion.REFERENCE_ZERO
                            : SegmentationMetrics.MissedRegion.MISSING));
        }
        Path out = output == null ? predictions : output;
        Files.createDirectories(out);
        report.writeCsv(out.resolve("evaluation.csv"));
        report.writeSummary(out.resolve("summary.txt"));
        System.out.print(report.summaryTable());
        System.out.println("wrote " + out.resolve("evaluation.csv") + " and " + out.resolve("summary.txt"));
        return 0;
    }

    private List<Region> regions() {
        if (run != null) {
            List<Region> out = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> e : RunInfo.read(run).regions().entrySet()) {
                out.add(new Region(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray()));
            }
            return out;
        }
        return benchmark == null ? null : Benchmarks.byName(benchmark).evaluated();
    }

    /** Every foreground label present in the first reference. */
    private static List<Region> regionsFrom(Volume reference) {
        TreeSet<Integer> labels = new TreeSet<>();
        for (float v : reference.data()) {
            if (v > 0) {
                labels.add(Math.round(v));
            }
        }
        List<Region> out = new ArrayList<>();
        for (int l : labels) {
            out.add(Region.of("class " + l, l));
        }
        return out;
    }

    private static Path reference(List<Path> dirs, String id) {
        for (Path dir : dirs) {
            for (String suffix : List.of(".nii.gz", ".nii")) {
                Path p = dir.resolve(id + suffix);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new UserError("no reference for " + id + " in " + dirs + " (expected " + id + ".nii.gz)");
    }

    static List<Path> niftiFiles(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            throw new UserError(dir + ": not a folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(PredictCommand::isNifti).sorted().toList();
        }
    }
}
