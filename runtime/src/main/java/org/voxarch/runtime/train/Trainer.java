package org.voxarch.runtime.train;

import static org.bytedeco.pytorch.global.torch.get_num_threads;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.set_num_threads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.OptimizerParamGroupVector;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.voxarch.runtime.NativeThreads;
import org.voxarch.runtime.data.PreprocessedCase;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.memory.NativeScope;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.NoGrad;

/**
 * Trains a network with UNETR++'s nnU-Net v1 recipe (reference §3.4–3.8).
 *
 * <p>Each epoch: the poly learning rate is set; libtorch's generator is reseeded from (seed, epoch); the configured
 * number of iterations run (batch from the background loader, forward in training mode, deep-supervision Dice + CE
 * loss, backward, gradient norm clipped, SGD step), each inside its own {@code NativeScope}; then the online
 * validation (unaugmented patches, eval mode, no gradients) gives the validation loss and the global foreground
 * Dice; its moving average decides {@value #BEST_WEIGHTS}. After every epoch {@link TrainingCheckpoint#LATEST}
 * (weights, momentum buffers, state), {@value CsvLog#FILE_NAME} and {@value CurvePlot#FILE_NAME} are rewritten
 * atomically. At the end the weights go to {@value #FINAL_WEIGHTS}. A step whose loss or gradient norm is NaN or
 * infinite stops training with {@link NonFiniteLossException} before anything is updated.
 *
 * <p>Everything random derives from the seed and the position in the run, so {@link #resume} continues exactly as
 * the uninterrupted run would have (given the same thread settings, since libtorch's CPU reductions depend on them).
 *
 * <p>Create the network (and move it to its device) before the trainer, outside any {@code NativeScope}. The
 * trainer owns the loader threads: close it when done. Not thread-safe.
 */
public final class Trainer implements AutoCloseable {
    /** Weights of the best epoch (by the Dice moving average), safetensors with PyTorch's state-dict keys. */
    public static final String BEST_WEIGHTS = "model_best.safetensors";
    /** Weights after the last epoch. */
    public static final String FINAL_WEIGHTS = "model_final.safetensors";
    /** Weights metadata key holding {@link TrainConfig#runTag()}. */
    public static final String WEIGHTS_RUN_KEY = "run";

    private final TrainConfig config;
    private final ArchModule network;
    private final Function<Tensor, Tensor[]> forward;
    private final TensorVector parameters;
    private final SGD optimizer;
    private final Device device;
    private final PolySchedule schedule;
    private final DeepSupervisionLoss loss;
    private final BatchLoader trainingLoader;
    private final BatchLoader validationLoader;
    private final DataParallel parallel;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final int previousTorchThreads;
    private TrainingHistory history;
    private int nextEpoch;
    private boolean plotFailed;

    /**
     * @param config     the run's settings
     * @param network    the network to train (its parameters' device is where batches go)
     * @param forward    the network's forward pass: {@code [B, C, Z, Y, X]} to heads, full resolution first
     * @param training   labelled training cases
     * @param validation labelled validation cases (may be empty: then no validation, no best model)
     */
    public Trainer(TrainConfig config, ArchModule network, Function<Tensor, Tensor[]> forward,
                   List<PreprocessedCase> training, List<PreprocessedCase> validation) {
        this(config, network, forward, training, validation, DataParallel.SINGLE);
    }

    /**
     * A trainer of one rank of data-parallel training: {@link TrainConfig#batchSize()} is the global batch, of which
     * this rank loads its share ({@link BatchShard}); only the rank that {@link DataParallel#writesOutput()} writes
     * files.
     */
    public Trainer(TrainConfig config, ArchModule network, Function<Tensor, Tensor[]> forward,
                   List<PreprocessedCase> training, List<PreprocessedCase> validation, DataParallel parallel) {
        this.parallel = Objects.requireNonNull(parallel, "parallel");
        BatchShard.Sized shard = parallel.shard().ofGlobal(config.batchSize());
        this.config = Objects.requireNonNull(config, "config");
        this.network = Objects.requireNonNull(network, "network");
        this.forward = Objects.requireNonNull(forward, "forward");
        this.previousTorchThreads = config.torchThreads() > 0 ? NativeThreads.use(config.torchThreads())
                : get_num_threads();
        this.parameters = network.parameters();
        this.device = parameters.size() == 0 ? new Device(DeviceType.CPU) : parameters.get(0).device();
        SGDOptions options = new SGDOptions(config.learningRate());
        options.momentum().put(config.momentum());
        options.nesterov().put(config.nesterov());
        options.weight_decay().put(config.weightDecay());
        this.optimizer = new SGD(parameters, options);
        this.schedule = new PolySchedule(config.learningRate(), config.epochs(), config.polyExponent());
        this.loss = new DeepSupervisionLoss(new DiceCrossEntropyLoss(config.batchDice()),
                config.deepSupervisionWeights());
        PatchSampler sampler = new PatchSampler(config.patch(), config.foregroundJitter());
        this.trainingLoader = new BatchLoader(training, sampler, config.augmentations(), shard,
                config.foregroundOversampling(), Seeds.derive(config.seed(), Seeds.TRAINING_BATCHES),
                config.loaderThreads(), config.prefetch());
        this.validationLoader = validation.isEmpty() || config.validationBatches() == 0 ? null
                : new BatchLoader(validation, sampler, Augmentations.none(), shard,
                        config.foregroundOversampling(), Seeds.derive(config.seed(), Seeds.VALIDATION_BATCHES),
                        config.loaderThreads(), config.prefetch());
        this.history = new TrainingHistory(config.emaAlpha());
    }

    /** Adds a listener (e.g. the CLI's). */
    public void addListener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** @return the configuration */
    public TrainConfig config() {
        return config;
    }

    /** @return the epochs trained so far (including those before a resume) */
    public TrainingHistory history() {
        return history;
    }

    /** @return the first epoch still to train */
    public int nextEpoch() {
        return nextEpoch;
    }

    /** @return the optimizer's current learning rate */
    public double learningRate() {
        return optimizer.param_groups().get(0).options().get_lr();
    }

    /** @return {@code outputDir/}{@link TrainingCheckpoint#LATEST} */
    public Path latestCheckpoint() {
        return config.outputDir().resolve(TrainingCheckpoint.LATEST);
    }

    /**
     * Continues from a checkpoint: weights, momentum buffers, history and epoch are restored, so that {@link #fit}
     * then trains exactly what an uninterrupted run would have.
     *
     * @return the restored state
     * @throws IllegalArgumentException if the checkpoint was trained with a different seed, batch, patch or number of
     *     iterations (nothing is changed then)
     * @throws org.voxarch.runtime.io.TensorFileException if the file is missing or not a training checkpoint
     */
    public TrainingState resume(Path checkpoint) {
        TrainingState state = TrainingCheckpoint.load(checkpoint, network, optimizer, device,
                s -> s.checkResumableWith(config));
        history = TrainingHistory.of(config.emaAlpha(), state.history());
        nextEpoch = state.nextEpoch();
        return state;
    }

    /**
     * Resumes from {@link #latestCheckpoint()} if it exists.
     *
     * @return true if a checkpoint was found and restored
     */
    public boolean resumeIfPresent() {
        if (!Files.isRegularFile(latestCheckpoint())) {
            return false;
        }
        resume(latestCheckpoint());
        return true;
    }

    /**
     * Trains every remaining epoch.
     *
     * @return the history
     */
    public TrainingHistory fit() {
        return fitUntil(config.epochs());
    }

    /**
     * Trains the remaining epochs before {@code stopEpoch} (for time-boxed jobs: resume later to continue). The
     * schedule still spans {@link TrainConfig#epochs()}.
     *
     * @return the history
     */
    public TrainingHistory fitUntil(int stopEpoch) {
        int stop = Math.min(stopEpoch, config.epochs());
        if (parallel.writesOutput()) {
            createOutputDir();
        }
        // Every rank starts from rank 0's weights (and running statistics), whatever it initialised or resumed.
        parallel.broadcastFromFirst(network);
        for (int epoch = nextEpoch; epoch < stop; epoch++) {
            runEpoch(epoch);
        }
        if (nextEpoch == config.epochs() && stop == config.epochs()) {
            Path weights = config.outputDir().resolve(FINAL_WEIGHTS);
            if (parallel.writesOutput()) {
                writeWeights(weights, nextEpoch - 1);
            }
            listeners.forEach(l -> l.finished(history, weights));
        }
        return history;
    }

    private void runEpoch(int epoch) {
        long start = System.nanoTime();
        double lr = schedule.learningRate(epoch);
        setLearningRate(lr);
        listeners.forEach(l -> l.epochStarted(epoch, lr));
        // Dropout and any other libtorch randomness: a fixed stream per epoch, so a resumed run draws the same.
        manual_seed(Seeds.derive(config.seed(), Seeds.TORCH, epoch));
        IterationStats training;
        try (TrainingProgress progress = TrainingProgress.start(config.progressBar(), epoch, config.epochs(),
                config.iterationsPerEpoch(), System.err)) {
            training = train(epoch, 0, config.iterationsPerEpoch(), progress);
        }
        ValidationResult validation = validate(epoch);
        double seconds = (System.nanoTime() - start) / 1e9;
        double trainLoss = parallel.sum(new double[] {training.meanLoss()})[0] / parallel.shard().worldSize();
        EpochRecord record = history.record(epoch, trainLoss, validation.loss(), validation.dice(), lr, seconds);
        nextEpoch = epoch + 1;
        parallel.epochEnded(epoch);
        if (!parallel.writesOutput()) {
            listeners.forEach(l -> l.epochEnded(record));
            return;
        }
        if (record.best()) {
            Path weights = config.outputDir().resolve(BEST_WEIGHTS);
            writeWeights(weights, epoch);
            listeners.forEach(l -> l.newBest(record, weights));
        }
        TrainingCheckpoint.save(latestCheckpoint(), network, optimizer,
                TrainingState.of(config, nextEpoch, history.epochs()));
        writeLogs();
        listeners.forEach(l -> l.epochEnded(record));
    }

    /**
     * Runs {@code count} training iterations with the batches of ({@code epoch}, {@code first ..}) at the
     * optimizer's current learning rate, without a progress bar. The epoch loop uses the same steps; on its own this
     * serves throughput measurements ({@link TrainingThroughput}).
     */
    public IterationStats trainIterations(int epoch, int first, int count) {
        try (TrainingProgress silent = TrainingProgress.start(false, epoch, config.epochs(), count, System.err)) {
            return train(epoch, first, count, silent);
        }
    }

    private IterationStats train(int epoch, int first, int count, TrainingProgress progress) {
        network.train(true);
        double lr = learningRate();
        double[] losses = new double[count];
        long start = System.nanoTime();
        try (BatchLoader.Batches batches = trainingLoader.open(epoch, first, count)) {
            for (int i = 0; i < count; i++) {
                Batch batch = batches.next();
                losses[i] = NativeScope.get(() -> step(batch));
                progress.step(losses[i], lr);
            }
            return new IterationStats(losses, (System.nanoTime() - start) / 1e9, batches.waitSeconds());
        }
    }

    /**
     * One optimisation step; the caller's scope frees every tensor made here.
     *
     * @throws NonFiniteLossException before updating anything if the loss or the gradient norm is not finite
     */
    private double step(Batch batch) {
        Tensor images = batch.images().to(device, ScalarType.Float);
        Tensor labels = batch.labels().to(device, ScalarType.Long);
        optimizer.zero_grad();
        Tensor[] heads = forward.apply(images);
        Tensor value = loss.compute(heads, labels);
        double lossValue = value.item_double();
        requireFinite("loss", lossValue, batch);
        value.backward();
        parallel.averageGradients(parameters);
        // A finite loss can still come with a non-finite gradient; one step with it would poison every weight.
        requireFinite("gradient norm", GradientClipping.clip(parameters, config.gradientClipNorm()), batch);
        optimizer.step();
        parallel.afterStep(parameters);
        return lossValue;
    }

    private static void requireFinite(String quantity, double value, Batch batch) {
        if (!Double.isFinite(value)) {
            throw new NonFiniteLossException(quantity, value, batch.epoch(), batch.iteration(), batch.caseIds());
        }
    }

    /**
     * The online validation of {@code epoch}: the configured number of unaugmented batches (the same for every run
     * with this seed), in eval mode without gradients. Leaves the network in training mode.
     */
    public ValidationResult validate(int epoch) {
        if (validationLoader == null) {
            return ValidationResult.NONE;
        }
        network.eval();
        OnlineDice[] dice = new OnlineDice[1];
        double lossSum = 0;
        try (BatchLoader.Batches batches = validationLoader.open(epoch, 0, config.validationBatches())) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                lossSum += NativeScope.get(() -> NoGrad.get(() -> {
                    Tensor labels = batch.labels().to(device, ScalarType.Long);
                    Tensor[] heads = forward.apply(batch.images().to(device, ScalarType.Float));
                    if (dice[0] == null) {
                        dice[0] = new OnlineDice((int) heads[0].size(1), config.evaluatedClasses());
                    }
                    dice[0].add(heads[0], labels);
                    return loss.compute(heads, labels).item_double();
                }));
            }
        } finally {
            network.train(true);
        }
        // Each rank validated its share of every batch: sum the losses and the Dice counts over the ranks.
        long[] counts = dice[0].counts();
        double[] local = new double[counts.length + 1];
        local[0] = lossSum;
        for (int i = 0; i < counts.length; i++) {
            local[i + 1] = counts[i];
        }
        double[] total = parallel.sum(local);
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.round(total[i + 1]);
        }
        dice[0].setCounts(counts);
        return new ValidationResult(total[0] / parallel.shard().worldSize() / config.validationBatches(),
                dice[0].globalForegroundDice(), dice[0].perClass());
    }

    private void setLearningRate(double lr) {
        OptimizerParamGroupVector groups = optimizer.param_groups();
        for (long i = 0; i < groups.size(); i++) {
            groups.get(i).options().set_lr(lr);
        }
    }

    private void writeWeights(Path file, int epoch) {
        Map<String, String> metadata = new java.util.LinkedHashMap<>();
        metadata.put("format", "voxarch-weights");
        metadata.put("epoch", Integer.toString(epoch));
        if (config.runTag() != null) {
            metadata.put(WEIGHTS_RUN_KEY, config.runTag());
        }
        NativeScope.run(() -> Safetensors.write(file, StateDict.toMap(network), metadata));
    }

    private void writeLogs() {
        Path dir = config.outputDir();
        try {
            CsvLog.write(dir.resolve(CsvLog.FILE_NAME), history.epochs());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(CsvLog.FILE_NAME) + ": " + e.getMessage(), e);
        }
        if (plotFailed) {
            return;
        }
        try {
            CurvePlot.write(dir.resolve(CurvePlot.FILE_NAME), history.epochs());
        } catch (IOException | RuntimeException | LinkageError e) {
            // The plot is a convenience: without a usable AWT (or disk space for it) training goes on.
            plotFailed = true;
            System.err.println(String.format(Locale.ROOT, "warning: cannot draw %s (%s); the CSV log continues",
                    dir.resolve(CurvePlot.FILE_NAME), e));
        }
    }

    private void createOutputDir() {
        try {
            Files.createDirectories(config.outputDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + config.outputDir(), e);
        }
    }

    /** Stops the loader threads and gives libtorch back its previous thread count (OpenBLAS stays on one). */
    @Override
    public void close() {
        trainingLoader.close();
        if (validationLoader != null) {
            validationLoader.close();
        }
        if (config.torchThreads() > 0) {
            set_num_threads(previousTorchThreads);
        }
    }
}
