package org.voxarch.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** What to train on and with: the dataset, its configuration, the network and the batch. */
final class TrainingDataOptions {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The dataset folder.")
    Path data;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Benchmark configuration: synapse, btcv, acdc, brats, lung (default: from dataset.json).")
    String benchmark;

    @Option(names = {"-m", "--model"}, paramLabel = "NAME",
            description = "Network (default: the benchmark's, or unetrpp-tiny for other datasets).")
    String model;

    @Option(names = "--spec", paramLabel = "FILE", description = "Take the network from this .arch file.")
    Path spec;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override a network parameter. Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--spacing", split = ",", paramLabel = "Z,Y,X", hideParamSyntax = true,
            description = {"Resample every case to this spacing in mm instead of the planned one (the median",
                "spacing). Coarser spacing lets a patch see more of the anatomy at less cost, e.g. --spacing 2,2,2."})
    double[] spacing;

    @Option(names = "--batch", paramLabel = "N",
            description = "Batch size, per worker in data-parallel training (default: the benchmark's, else 2).")
    Integer batch;

    /** Checks what picocli cannot, before anything is read or written. */
    void validate() {
        if (spacing != null && (spacing.length != 3
                || Arrays.stream(spacing).anyMatch(s -> !(s > 0) || Double.isInfinite(s)))) {
            throw new UserError("--spacing needs three positive sizes in mm (Z,Y,X), got " + Arrays.toString(spacing));
        }
        if (batch != null && batch < 1) {
            throw new UserError("--batch must be at least 1, got " + batch);
        }
    }
}
