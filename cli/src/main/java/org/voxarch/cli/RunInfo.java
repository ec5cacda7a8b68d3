package org.voxarch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.runtime.io.AtomicFiles;

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
 */
record RunInfo(String model, String spec, Map<String, String> settings, String dataset, String plan,
        List<String> classNames, Map<String, List<Integer>> regions) {
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

    /** Model options that rebuild this run's network. */
    ModelOptions modelOptions(Path runDir) {
        ModelOptions o = new ModelOptions();
        o.model = model;
        o.spec = spec == null ? null : runDir.resolve(spec).normalize();
        o.settings = new LinkedHashMap<>(settings);
        return o;
    }
}
