package org.voxarch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The data and budget every member of an ablation is trained with, handed to {@code voxarch train} unchanged: the
 * same seed (so the same initialisation stream and validation split), data and number of steps for each member.
 * An option left out is train's default.
 */
final class AblationTrainingOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "MSD-layout dataset (required unless --plan); members are scored on its test cases.")
    Path data;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Benchmark configuration, as in train.")
    String benchmark;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "Override a parameter of every member, e.g. --set patch=32,64,64. Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--spacing", paramLabel = "Z,Y,X", description = "Resample to this spacing in mm, as in train.")
    String spacing;

    @Option(names = "--batch", paramLabel = "N", description = "Batch size, as in train.")
    Integer batch;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per member (default: train's).")
    Integer epochs;

    @Option(names = "--iters", paramLabel = "N", description = "Iterations per epoch (default: train's).")
    Integer iterations;

    @Option(names = "--val-batches", paramLabel = "N", description = "Validation batches per epoch (default: train's).")
    Integer validationBatches;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every member (default: train's).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "libtorch threads (default: train's).")
    Integer threads;

    @Option(names = "--validation-fraction", paramLabel = "F", description = "Held-out share, as in train.")
    Double validationFraction;

    @Option(names = "--no-augmentation", description = "Train on unaugmented patches.")
    boolean noAugmentation;

    @Option(names = "--mirror",
            description = "Mirror test-time augmentation when scoring (8× slower; off: members are compared alike).")
    boolean mirror;

    /** The arguments of {@code voxarch train} for these options (no network, output or --resume). */
    List<String> trainArguments() {
        List<String> args = new ArrayList<>(List.of("--data", requireData().toString()));
        add(args, "--dataset", benchmark);
        settings.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        add(args, "--spacing", spacing);
        add(args, "--batch", batch);
        add(args, "--epochs", epochs);
        add(args, "--iters", iterations);
        add(args, "--val-batches", validationBatches);
        add(args, "--seed", seed);
        add(args, "--threads", threads);
        add(args, "--validation-fraction", validationFraction);
        if (noAugmentation) {
            args.add("--no-augmentation");
        }
        return args;
    }

    Path requireData() {
        if (data == null) {
            throw new UserError("--data DIR is needed to train the members (or --plan for the static table only)");
        }
        return data;
    }

    private static void add(List<String> args, String option, Object value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }
}
