package org.voxarch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.voxarch.runtime.memory.MemoryGrowth;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.train.IterationStats;
import org.voxarch.runtime.train.TrainConfig;
import org.voxarch.runtime.train.Trainer;
import org.voxarch.runtime.train.TrainingThroughput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures training throughput on a real dataset: the steps {@code voxarch train} takes, batches prepared by the
 * background loader (sampling, augmentation), so the figure includes any time the network waits for data.
 */
@Command(name = "bench-train", mixinStandardHelpOptions = true,
        description = {"Time training iterations on an MSD-layout dataset as `voxarch train` runs",
            "them (preprocessing cache, foreground oversampling, augmentation on background",
            "threads, forward, Dice+CE, backward, clipping, SGD). Prints iterations per",
            "second and the share of the time spent waiting for data.",
            "Example: voxarch dataset colin27 -o colin27 && voxarch bench-train --data colin27"})
final class BenchTrainCommand implements Callable<Integer> {
    @Mixin
    TrainingDataOptions dataOptions;

    @Option(names = "--iters", paramLabel = "N", defaultValue = "20",
            description = "Timed iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Untimed first iterations (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "libtorch threads (default: as `voxarch train`, all cores but one).")
    int threads;

    @Option(names = "--memory", description = {"Also read memory every 10 timed iterations and print how much the "
            + "resident set, JavaCPP-held memory and the heap kept after GC grew from the first to the last third "
            + "of the run. Example: --memory --iters 1000"})
    boolean memory;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Work folder for the preprocessing cache (default: a new temporary folder).")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (iterations < 1 || warmup < 0) {
            throw new UserError("--iters must be at least 1 and --warmup at least 0");
        }
        dataOptions.validate();
        // The same resolution of dataset, network and cases as `voxarch train`, so the figure is the one it gets.
        TrainingSetup setup = TrainingSetup.prepare(dataOptions,
                output != null ? output : Files.createTempDirectory("voxarch-bench-train"), 1, 0.2, false);
        int torchThreads = threads > 0 ? threads : TrainCommand.defaultTorchThreads();
        TrainConfig config = TrainConfig.builder(setup.patch(), setup.runDir())
                .epochs(1).iterationsPerEpoch(warmup + iterations).validationBatches(0)
                .batchSize(setup.config().batchSize()).seed(1).evaluatedClasses(setup.evaluatedClasses())
                .torchThreads(torchThreads).build();
        ArchModule net = setup.network();
        System.out.printf("batch %d, patch %s, %d libtorch thread(s); %d warm-up + %d timed iterations%n",
                setup.config().batchSize(), Arrays.toString(setup.patch()), torchThreads, warmup, iterations);
        TrainingThroughput.Result result;
        try (Trainer trainer = new Trainer(config, net, x -> NetworkLoader.forward(net, x), setup.training(),
                setup.validation())) {
            result = memory ? measureWithMemory(trainer) : TrainingThroughput.measure(trainer, warmup, iterations);
        }
        System.out.println("training throughput: " + result);
        System.out.printf("peak RSS %.2f GiB%n", BenchCommand.peakRssBytes() / (1024.0 * 1024 * 1024));
        return 0;
    }

    /** The timed iterations in runs of ten, memory read after each (the readings' time is not counted). */
    private TrainingThroughput.Result measureWithMemory(Trainer trainer) {
        int every = 10;
        if (iterations < 6 * every) {
            throw new UserError("--memory needs --iters of at least " + 6 * every);
        }
        if (warmup > 0) {
            trainer.trainIterations(0, 0, warmup);
        }
        MemoryGrowth growth = new MemoryGrowth();
        // A full memory run takes tens of minutes: show how far it is.
        ConsoleProgress progress = new ConsoleProgress("timed iterations");
        double seconds = 0;
        double waiting = 0;
        for (int done = 0; done < iterations; done += every) {
            int count = Math.min(every, iterations - done);
            IterationStats stats = trainer.trainIterations(0, warmup + done, count);
            seconds += stats.seconds();
            waiting += stats.loaderWaitSeconds();
            growth.sample();
            progress.update(done + count, iterations);
        }
        System.out.print(growth.table());
        System.out.println("memory growth after warm-up: " + growth);
        return new TrainingThroughput.Result(iterations, seconds, waiting);
    }
}
