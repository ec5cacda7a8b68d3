package org.voxarch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.runtime.data.Benchmarks;
import org.voxarch.runtime.data.DatasetConfig;
import org.voxarch.runtime.data.MsdDataset;
import org.voxarch.runtime.data.PreprocessedCase;
import org.voxarch.runtime.data.PreprocessedDataset;
import org.voxarch.runtime.data.Region;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.train.EpochRecord;
import org.voxarch.runtime.train.TrainConfig;
import org.voxarch.runtime.train.Trainer;
import org.voxarch.runtime.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains a network on a dataset in the Medical Segmentation Decathlon layout. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a network on an MSD-layout dataset (dataset.json, imagesTr/, labelsTr/) with the",
            "reference recipe: preprocessing, patches with foreground oversampling, augmentation, Dice+CE over the",
            "deep-supervision heads, SGD with Nesterov momentum 0.99 and poly learning rate, clipping at 12.",
            "A checkpoint is written every epoch; --resume continues a stopped run exactly.",
            "Example: voxarch train --dataset synapse --data /data/Task002_Synapse -o runs/synapse"})
final class TrainCommand implements Callable<Integer> {
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

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Run folder (default: runs/<dataset>).")
    Path output;

    @Option(names = "--epochs", defaultValue = "1000", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--iters", defaultValue = "250", description = "Iterations per epoch (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--val-batches", defaultValue = "50",
            description = "Validation batches per epoch (default: ${DEFAULT-VALUE}).")
    int validationBatches;

    @Option(names = "--batch", description = "Batch size (default: the benchmark's, else 2).")
    Integer batch;

    @Option(names = "--seed", defaultValue = "12345", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Continue from the run folder's last checkpoint.")
    boolean resume;

    @Option(names = "--threads", defaultValue = "0",
            description = "libtorch threads (default: all cores but one, left to the batch loader and the JVM).")
    int threads;

    @Option(names = "--validation-fraction", defaultValue = "0.2",
            description = "Share of training cases held out for online validation (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Override
    public Integer call() throws Exception {
        TrainingSetup setup = TrainingSetup.prepare(this);
        TrainConfig config = TrainConfig.builder(setup.patch(), setup.runDir())
                .epochs(epochs).iterationsPerEpoch(iterations).validationBatches(validationBatches)
                .batchSize(setup.config().batchSize()).seed(seed).evaluatedClasses(setup.evaluatedClasses())
                .torchThreads(threads > 0 ? threads : defaultTorchThreads())
                .build();
        ArchModule net = setup.network();
        try (Trainer trainer = new Trainer(config, net, x -> NetworkLoader.forward(net, x), setup.training(),
                setup.validation())) {
            trainer.addListener(new EpochPrinter());
            if (resume) {
                trainer.resumeIfPresent();
            }
            trainer.fit();
        }
        System.out.println("run folder: " + setup.runDir().toAbsolutePath());
        System.out.println("  " + Trainer.BEST_WEIGHTS + ", " + Trainer.FINAL_WEIGHTS + ", training_log.csv,"
                + " progress.png, " + RunInfo.FILE);
        return 0;
    }

    /**
     * All cores but one. On 2 cores a second libtorch thread made unetrpp-tiny's steps only 5 % faster on an idle
     * machine (0.92 against 0.97 s) but 2–7× slower whenever another process took a core (2.5–8 s against 1.0–1.4
     * s): OpenMP's team waits at every operator for its descheduled thread, and the loader thread needs CPU too.
     */
    static int defaultTorchThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** One line per epoch, so logs read well without a terminal. */
    private static final class EpochPrinter implements TrainingListener {
        @Override
        public void epochEnded(EpochRecord r) {
            System.out.printf("epoch %d: train loss %.4f, val loss %.4f, val Dice %.4f (EMA %.4f), lr %.5f, %.0f s%n",
                    r.epoch(), r.trainLoss(), r.validationLoss(), r.validationDice(), r.emaDice(),
                    r.learningRate(), r.seconds());
        }
    }

    /** The dataset, network and cases of a run, resolved from the options. */
    record TrainingSetup(Path runDir, DatasetConfig config, int[] patch, ArchModule network,
            List<PreprocessedCase> training, List<PreprocessedCase> validation, int[] evaluatedClasses) {

        static TrainingSetup prepare(TrainCommand o) throws Exception {
            MsdDataset dataset = MsdDataset.open(o.data);
            String network = o.model != null ? o.model : o.benchmark != null
                    ? Benchmarks.byName(o.benchmark).network() : "unetrpp-tiny";
            DatasetConfig config = configFor(o, dataset, network);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("in_channels", Integer.toString(config.channels()));
            settings.put("classes", Integer.toString(config.classes()));
            settings.put("patch", joined(config.patch()));
            settings.putAll(o.settings);
            ModelOptions modelOptions = new ModelOptions();
            modelOptions.model = network;
            modelOptions.spec = o.spec;
            modelOptions.settings = settings;
            NetworkLoader.Elaborated elaborated = NetworkLoader.elaborate(modelOptions);
            int[] patch = patchOf(elaborated.model());
            Path runDir = o.output != null ? o.output : Path.of("runs", config.name());
            Files.createDirectories(runDir);
            PreprocessedDataset prepared = PreprocessedDataset.prepare(dataset, config,
                    runDir.resolve("preprocessed"), new ConsoleProgress("preprocessing"));
            prepared.plan().write(runDir.resolve("plan.json"));
            new RunInfo(network, o.spec == null ? null : runDir.toAbsolutePath().relativize(o.spec.toAbsolutePath())
                    .toString(), settings, config.name(), "plan.json", config.classNames(), regions(config))
                    .write(runDir);
            List<String> ids = new ArrayList<>(prepared.trainingIds());
            Collections.shuffle(ids, new Random(o.seed));
            int held = ids.size() < 3 ? 0 : Math.max(1, (int) Math.round(ids.size() * o.validationFraction));
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
                    elaborated.model().parameterCount(), java.util.Arrays.toString(patch));
            int[] evaluated = config.evaluated().stream().flatMapToInt(r -> java.util.Arrays.stream(r.labels()))
                    .distinct().sorted().toArray();
            return new TrainingSetup(runDir, config, patch, NetworkLoader.instantiate(elaborated), training,
                    validation, evaluated);
        }

        private static DatasetConfig configFor(TrainCommand o, MsdDataset dataset, String network) {
            if (o.benchmark != null) {
                DatasetConfig c = Benchmarks.byName(o.benchmark);
                return o.batch == null ? c : new DatasetConfig(c.name(), c.network(), c.modalities(),
                        c.normalization(), c.useMaskForNorm(), c.classNames(), c.patch(), o.batch, c.evaluated());
            }
            ModelOptions probe = new ModelOptions();
            probe.model = network;
            probe.spec = o.spec;
            probe.settings = new LinkedHashMap<>(o.settings);
            probe.settings.putIfAbsent("in_channels", Integer.toString(dataset.channels()));
            int[] patch = patchOf(NetworkLoader.elaborate(probe).model());
            return DatasetConfig.forDataset(dataset, network, patch, o.batch == null ? 2 : o.batch);
        }

        private static int[] patchOf(NetworkModel model) {
            long[] input = model.inputs().values().iterator().next().concrete();
            return new int[] {(int) input[2], (int) input[3], (int) input[4]};
        }

        private static String joined(int[] values) {
            StringBuilder b = new StringBuilder();
            for (int v : values) {
                b.append(b.length() == 0 ? "" : ",").append(v);
            }
            return b.toString();
        }

        private static Map<String, List<Integer>> regions(DatasetConfig config) {
            Map<String, List<Integer>> out = new LinkedHashMap<>();
            for (Region r : config.evaluated()) {
                out.put(r.name(), java.util.Arrays.stream(r.labels()).boxed().toList());
            }
            return out;
        }
    }
}
