package org.voxarch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The data and budget every member of an ablation is trained with, handed to {@code voxarch train} unchanged: the
 * same seed (so the same initialisation stream and validation split), data and number of steps for each member.
 * An option left out is train's default; the budget options are train's own ({@link TrainingScheduleOptions}).
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

    @Mixin
    TrainingScheduleOptions schedule;

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
        args.addAll(schedule.arguments());
        return args;
    }

    Path requireData() {
        if (data == null) {
            throw new UserError("--data DIR is needed to train the members (or --plan for the static table only)");
        }
        return data;
    }

    private static void add(List<String> args, String option, Object value) {
        TrainingScheduleOptions.add(args, option, value);
    }
}
