package org.voxarch.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How long and with which draws a network is trained: the options {@code voxarch train} takes and
 * {@code voxarch ablate} hands to train for every member. An option left out is null, and train's default applies
 * (the accessors give it), so an ablation passes on only what the user gave.
 */
final class TrainingScheduleOptions {
    static final int EPOCHS = 1000;
    static final int ITERATIONS = 250;
    static final int VALIDATION_BATCHES = 50;
    static final long SEED = 12345;
    static final double VALIDATION_FRACTION = 0.2;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: " + EPOCHS + ").")
    Integer epochs;

    @Option(names = "--iters", paramLabel = "N", description = "Iterations per epoch (default: " + ITERATIONS + ").")
    Integer iterations;

    @Option(names = "--val-batches", paramLabel = "N",
            description = "Validation batches per epoch (default: " + VALIDATION_BATCHES + ").")
    Integer validationBatches;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: " + SEED + ").")
    Long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "libtorch threads (default: all cores but one, left to the batch loader and the JVM).")
    Integer threads;

    @Option(names = "--validation-fraction", paramLabel = "F",
            description = "Share of training cases held out for online validation (default: " + VALIDATION_FRACTION
                    + ").")
    Double validationFraction;

    @Option(names = "--no-augmentation", description = "Train on unaugmented patches (for comparisons and tests).")
    boolean noAugmentation;

    int epochs() {
        return epochs != null ? epochs : EPOCHS;
    }

    int iterations() {
        return iterations != null ? iterations : ITERATIONS;
    }

    int validationBatches() {
        return validationBatches != null ? validationBatches : VALIDATION_BATCHES;
    }

    long seed() {
        return seed != null ? seed : SEED;
    }

    /** @return the libtorch threads asked for, or 0 for train's choice */
    int threads() {
        return threads != null ? threads : 0;
    }

    double validationFraction() {
        return validationFraction != null ? validationFraction : VALIDATION_FRACTION;
    }

    /** The options the user gave, as arguments of {@code voxarch train}. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
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

    static void add(List<String> args, String option, Object value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }
}
