package org.voxarch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.torch.WeightFiles;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.train.Augmentations;
import org.voxarch.runtime.train.EpochRecord;
import org.voxarch.runtime.train.TrainConfig;
import org.voxarch.runtime.train.Trainer;
import org.voxarch.runtime.train.TrainingListener;
import org.voxarch.runtime.memory.NativeScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a network on a dataset in the Medical Segmentation Decathlon layout. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a network on an MSD-layout dataset (dataset.json, imagesTr/, labelsTr/) with the",
            "reference recipe: preprocessing, patches with foreground oversampling, augmentation, Dice+CE over the",
            "deep-supervision heads, SGD with Nesterov momentum 0.99 and poly learning rate, clipping at 12.",
            "A checkpoint is written every epoch; --resume continues a stopped run exactly.",
            "Data-parallel over processes or machines: voxarch launch --nproc-per-node N train ...",
            "Example: voxarch train --dataset synapse --data /data/Task002_Synapse -o runs/synapse"})
final class TrainCommand implements Callable<Integer> {
    @Mixin
    TrainingDataOptions dataOptions;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Run folder (default: runs/<dataset>).")
    Path output;

    @Mixin
    TrainingScheduleOptions schedule;

    @Option(names = "--resume", description = "Continue from the run folder's last checkpoint.")
    boolean resume;

    @Option(names = "--init", paramLabel = "W",
            description = {"Start from these weights (fine-tuning): safetensors or a torch.save file such as the",
                "UNETR++ authors' model_final_checkpoint.model. Ignored when --resume finds a checkpoint."})
    Path init;

    @Mixin
    DistributedOptions distributedOptions;

    @Override
    public Integer call() throws Exception {
        try (DistributedWorkers workers = DistributedWorkers.start(distributedOptions)) {
            return train(workers);
        }
    }

    private Integer train(DistributedWorkers workers) throws Exception {
        // Workers after the first keep the run id that the first wrote, so the weights match run.json.
        TrainingSetup setup = workers.firstThenOthers(() -> TrainingSetup.prepare(dataOptions, output,
                schedule.seed(), schedule.validationFraction(), resume || !workers.writesOutput()));
        TrainConfig.Builder builder = TrainConfig.builder(setup.patch(), setup.runDir())
                .epochs(schedule.epochs()).iterationsPerEpoch(schedule.iterations())
                .validationBatches(schedule.validationBatches())
                // --batch is per worker; the schedule, the epoch and the checkpoint see the global batch.
                .batchSize(setup.config().batchSize() * workers.worldSize()).seed(schedule.seed())
                .evaluatedClasses(setup.evaluatedClasses())
                .torchThreads(schedule.threads() > 0 ? schedule.threads() : DistributedWorkers.threadsPerWorker(defaultTorchThreads()))
                .progressBar(workers.writesOutput()).runTag(setup.runId());
        if (schedule.noAugmentation) {
            builder.augmentations(Augmentations.none());
        }
        TrainConfig config = builder.build();
        ArchModule net = setup.network();
        if (init != null) {
            NativeScope.run(() -> System.out.printf("initial weights: %d tensors from %s%n",
                    StateDict.load(net, WeightFiles.readStateDict(init)).loaded(), init));
        }
        try (Trainer trainer = new Trainer(config, net, x -> NetworkLoader.forward(net, x), setup.training(),
                setup.validation(), workers.dataParallel())) {
            if (workers.writesOutput()) {
                trainer.addListener(new EpochPrinter(schedule.epochs()));
            }
            if (resume) {
                trainer.resumeIfPresent();
                workers.requireAgreement("the epoch to resume from", trainer.nextEpoch(),
                        "every worker reads the checkpoint from its own run folder (-o): share it between the "
                                + "machines or copy rank 0's there first");
            }
            trainer.fit();
        }
        if (!workers.writesOutput()) {
            return 0;
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
    private record EpochPrinter(int epochs) implements TrainingListener {
        @Override
        public void epochEnded(EpochRecord r) {
            System.out.printf(
                    "epoch %d/%d: train loss %.4f, val loss %.4f, val Dice %.4f (EMA %.4f), lr %.5f, %.0f s%s%n",
                    r.epoch() + 1, epochs, r.trainLoss(), r.validationLoss(), r.validationDice(), r.emaDice(),
                    r.learningRate(), r.seconds(), r.best() ? ", best so far" : "");
        }
    }
}
