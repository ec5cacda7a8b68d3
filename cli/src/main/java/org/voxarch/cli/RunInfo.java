package org.voxarch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.runtime.data.DatasetPlan;
import org.voxarch.runtime.io.AtomicFiles;
import org.voxarch.runtime.train.Trainer;

/**
 * What a training run needs to be used later, written as {@code run.json} in its folder: the network (name, spec
 * file, parameter overrides), the preprocessing plan, and the class names and evaluated regions.
 *
 * @param model      network or variant name
 * @param spec       the spec file for a network not bundled, or null
 * @param settings   {@code --set} values used to build it (classes, in_channels, patch, ...)
 * @param dataset    the dataset configuration name
 * @param plan       the preprocessing plan file, relative to the run folder
 * @param classNames class names, background first
 * @param regions    evaluated regions: name to labels
 * @param runId      identifies this training run; its weights files carry it in their metadata (null in runs
 *                   written before it existed)
 * @param planFingerprint the fingerprint of the plan written with this run.json (null in older runs)
 */
record RunInfo(String model, String spec, Map<String, String> settings, String dataset, String plan,
        List<String> classNames, Map<String, List<Integer>> regions, String runId, String planFingerprint) {
    static final String FILE = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void write(Path runDir) throws IOException {
        AtomicFiles.write(runDir.resolve(FILE), tmp -> JSON.writeValue(tmp.toFile(), this));
    }

    static RunInfo read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserError(runDir + " is not a training run: " + FILE + " is missing (train one with"
                    + " voxarch train)");
        }
        try {
            return JSON.readValue(file.toFile(), RunInfo.class);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * The run's plan, checked to be the one this run.json was written with: a training that stopped between writing
     * the two files (or a copy from another run) must not combine with them silently.
     */
    DatasetPlan readPlan(Path runDir) {
        Path file = runDir.resolve(plan);
        if (!Files.isRegularFile(file)) {
            throw new UserError(runDir + ": the run's plan " + plan + " is missing");
        }
        DatasetPlan p = DatasetPlan.read(file);
        if (planFingerprint != null && !planFingerprint.equals(p.fingerprint())) {
            throw new UserError(file + " does not belong to " + runDir.resolve(FILE) + " (plan fingerprint "
                    + p.fingerprint() + ", the run expects " + planFingerprint + "): the run folder mixes two"
                    + " trainings; train again (or --resume) to make it whole");
        }
        return p;
    }

    /**
     * Checks that weights belong to this run: weights written by another training into the same folder would fit
     * the network and give wrong segmentations without a word.
     *
     * @param chosen whether the user named the file (weights from elsewhere may carry no run id)
     */
    void requireOwnWeights(Path runDir, Path weights, Map<String, String> metadata, boolean chosen) {
        String tag = metadata.get(Trainer.WEIGHTS_RUN_KEY);
        if (runId == null || (tag == null && chosen)) {
            return;
        }
        if (!runId.equals(tag)) {
            throw new UserError(weights + " was not written by the training described in " + runDir.resolve(FILE)
                    + " (weights from " + (tag == null ? "a run without an id" : "run " + tag) + ", run.json is run "
                    + runId + "): the run folder mixes two trainings; train again (or --resume), or pass --weights"
                    + " explicitly");
        }
    }

    /** Model options that rebuild this run's network. */
    ModelOptions modelOptions(Path runDir) {
        ModelOptions o = new ModelOptions();
        o.model = model;
        o.spec = spec == null ? null : runDir.resolve(spec).normalize();
        o.settings = new LinkedHashMap<>(settings);
        return o;
    }
}
