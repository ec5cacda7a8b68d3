package org.voxarch.cli;

import static org.bytedeco.pytorch.global.torch.manual_seed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.voxarch.runtime.data.Benchmarks;
import org.voxarch.runtime.data.DatasetCheck;
import org.voxarch.runtime.data.DatasetConfig;
import org.voxarch.runtime.data.MsdDataset;
import org.voxarch.runtime.data.PreprocessedCase;
import org.voxarch.runtime.data.PreprocessedDataset;
import org.voxarch.runtime.data.Region;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.train.Seeds;

/**
 * The dataset, network and cases of a training run, resolved from the options: the configuration (a benchmark's, or
 * one made from {@code dataset.json}), the network built for its channels, classes and patch, the preprocessed cases
 * split into training and validation, and the run folder with {@code plan.json} and {@code run.json}.
 */
record TrainingSetup(Path runDir, DatasetConfig config, int[] patch, ArchModule network,
        List<PreprocessedCase> training, List<PreprocessedCase> validation, int[] evaluatedClasses, String runId) {

    /**
     * @param output             the run folder, or null for {@code runs/<dataset>}
     * @param seed               shuffles the training cases before the validation split and draws the initial weights
     * @param validationFraction share of the training cases held out for online validation
     * @param resume             keep the run id of the folder's run.json (its weights stay the run's own)
     */
    static TrainingSetup prepare(TrainingDataOptions o, Path output, long seed, double validationFraction,
            boolean resume) throws Exception {
        o.validate();
        MsdDataset dataset = MsdDataset.open(o.data);
        String network = o.model != null ? o.model : o.benchmark != null
                ? Benchmarks.byName(o.benchmark).network() : "unetrpp-tiny";
        DatasetConfig config = configFor(o, dataset, network);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("in_channels", Integer.toString(config.channels()));
        settings.put("classes", Integer.toString(config.classes()));
        settings.put("patch", ModelOptions.listSetting(config.patch()));
        settings.putAll(o.settings);
        ModelOptions modelOptions = new ModelOptions();
        modelOptions.model = network;
        modelOptions.spec = o.spec;
        modelOptions.settings = settings;
        NetworkLoader.Elaborated elaborated = NetworkLoader.elaborate(modelOptions);
        int[] patch = NetworkLoader.patchOf(elaborated.model());
        Path runDir = output != null ? output : Path.of("runs", config.name());
        // The whole dataset is checked before the run folder is touched: a bad label must not leave an existing
        // run with this training's run.json and plan.json beside the previous one's weights.
        DatasetCheck.requireTrainable(dataset, config, o.benchmark == null ? MsdDataset.DESCRIPTOR
                : "the " + config.name() + " configuration", new ConsoleProgress("checking data"));
        String runId = resume && Files.isRegularFile(runDir.resolve(RunInfo.FILE))
                ? RunInfo.read(runDir).runId() : null;
        Files.createDirectories(runDir);
        PreprocessedDataset prepared = PreprocessedDataset.prepare(dataset, config,
                runDir.resolve("preprocessed"), new ConsoleProgress("preprocessing"));
        prepared.plan().write(runDir.resolve("plan.json"));
        new RunInfo(network, o.spec == null ? null : runDir.toAbsolutePath().relativize(o.spec.toAbsolutePath())
                .toString(), settings, config.name(), "plan.json", config.classNames(), regions(config),
                runId != null ? runId : UUID.randomUUID().toString(), prepared.plan().fingerprint())
                .write(runDir);
        List<String> ids = new ArrayList<>(prepared.trainingIds());
        Collections.shuffle(ids, new Random(seed));
        int held = ids.size() < 3 ? 0 : Math.max(1, (int) Math.round(ids.size() * validationFraction));
        List<PreprocessedCase> training = new ArrayList<>();
        List<PreprocessedCase> validation = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            (i < held ? validation : training).add(prepared.load(ids.get(i)));
        }
        if (validation.isEmpty()) {
            System.err.println("warning: fewer than 3 training cases; validating on the training cases");
            validation.addAll(training);
        }
        System.out.printf("%s: %d training and %d validation cases, network %s (%,d parameters), patch %s%n",
                config.name(), training.size(), validation.size(), elaborated.model().name(),
                elaborated.model().parameterCount(), Arrays.toString(patch));
        int[] evaluated = config.evaluated().stream().flatMapToInt(r -> Arrays.stream(r.labels()))
                .distinct().sorted().toArray();
        // The initial weights come from the seed too, not from whatever used libtorch's generator before.
        manual_seed(Seeds.derive(seed, Seeds.INITIAL_WEIGHTS));
        return new TrainingSetup(runDir, config, patch, NetworkLoader.instantiate(elaborated), training,
                validation, evaluated, RunInfo.read(runDir).runId());
    }

    private static DatasetConfig configFor(TrainingDataOptions o, MsdDataset dataset, String network) {
        DatasetConfig config = plainConfigFor(o, dataset, network);
        return o.spacing == null ? config : config.withTargetSpacing(o.spacing);
    }

    private static DatasetConfig plainConfigFor(TrainingDataOptions o, MsdDataset dataset, String network) {
        if (o.benchmark != null) {
            DatasetConfig c = Benchmarks.byName(o.benchmark);
            return o.batch == null ? c : c.withBatchSize(o.batch);
        }
        ModelOptions probe = new ModelOptions();
        probe.model = network;
        probe.spec = o.spec;
        probe.settings = new LinkedHashMap<>(o.settings);
        probe.settings.putIfAbsent("in_channels", Integer.toString(dataset.channels()));
        int[] patch = NetworkLoader.patchOf(NetworkLoader.elaborate(probe).model());
        return DatasetConfig.forDataset(dataset, network, patch, o.batch == null ? 2 : o.batch);
    }


    private static Map<String, List<Integer>> regions(DatasetConfig config) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (Region r : config.evaluated()) {
            out.put(r.name(), Arrays.stream(r.labels()).boxed().toList());
        }
        return out;
    }
}
