package org.voxarch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.voxarch.runtime.data.DatasetCase;
import org.voxarch.runtime.data.MsdDataset;
import org.voxarch.runtime.data.Nifti;
import org.voxarch.runtime.data.SyntheticDataset;
import org.voxarch.runtime.metrics.Overlay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The whole pipeline on data it makes itself: generate, train a reduced UNETR++, predict, evaluate, look. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run everything on a fresh machine with no data: write a small synthetic dataset, train",
            "unetrpp-tiny (a reduced UNETR++ from its spec) for a few minutes on the CPU, segment the held-out",
            "cases, score them (Dice, HD95) and draw overlays. Prints where every output is."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, defaultValue = "voxarch-demo", paramLabel = "DIR",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--epochs", defaultValue = "8", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--iters", defaultValue = "40", description = "Iterations per epoch (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--cases", defaultValue = "10", description = "Synthetic training cases (default: ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--seed", defaultValue = "7", description = "Seed for data and training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Path data = output.resolve("data");
        Path run = output.resolve("run");
        Path predictions = output.resolve("predictions");
        Path overlays = output.resolve("overlays");
        long start = System.nanoTime();
        step("1/5 synthetic dataset");
        MsdDataset dataset = SyntheticDataset.write(data, seed, cases);
        DatasetCommand.describe(dataset);
        step("2/5 training unetrpp-tiny");
        int status = sub("train", "--data", data.toString(), "--model", "unetrpp-tiny", "-o", run.toString(),
                "--epochs", Integer.toString(epochs), "--iters", Integer.toString(iterations), "--val-batches", "4",
                "--seed", Long.toString(seed));
        if (status != 0) {
            return status;
        }
        step("3/5 segmenting the held-out cases");
        status = sub("predict", "--run", run.toString(), "--input", data.toString(), "-o", predictions.toString());
        if (status != 0) {
            return status;
        }
        step("4/5 evaluating");
        status = sub("evaluate", "--pred", predictions.toString(), "--truth", data.toString(), "--run",
                run.toString());
        if (status != 0) {
            return status;
        }
        step("5/5 overlays");
        Files.createDirectories(overlays);
        List<DatasetCase> test = dataset.test();
        for (DatasetCase c : test) {
            Path png = overlays.resolve(c.id() + ".png");
            Overlay.writePng(Nifti.read(c.images().get(0)), Nifti.read(predictions.resolve(c.id() + ".nii.gz")), 4,
                    dataset.labels(), png);
            System.out.println("wrote " + png);
        }
        System.out.printf("%ndemo finished in %.1f minutes. Outputs:%n", (System.nanoTime() - start) / 6e10);
        System.out.println("  data (MSD layout):      " + data.toAbsolutePath());
        System.out.println("  training run:           " + run.toAbsolutePath()
                + " (weights, training_log.csv, progress.png)");
        System.out.println("  segmentations (NIfTI):  " + predictions.toAbsolutePath());
        System.out.println("  scores (CSV + table):   " + predictions.resolve("evaluation.csv").toAbsolutePath());
        System.out.println("  overlays (PNG):         " + overlays.toAbsolutePath());
        return 0;
    }

    private static void step(String what) {
        System.out.println();
        System.out.println("== " + what);
    }

    private static int sub(String... args) {
        return Main.commandLine().execute(args);
    }
}
