package org.voxarch.cli;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import org.voxarch.runtime.Devices;
import org.voxarch.runtime.data.Progress;
import org.voxarch.runtime.infer.ClassProbabilities;
import org.voxarch.runtime.infer.SlidingWindowPredictor;
import org.voxarch.runtime.memory.MemoryGrowth;
import org.voxarch.runtime.nn.ArchModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Times whole-volume sliding-window inference (the predictor {@code voxarch predict} uses) on a random volume with
 * the network's initial weights: speed does not depend on the weights or the image content.
 */
@Command(name = "bench-predict", mixinStandardHelpOptions = true,
        description = {"Time sliding-window inference over a random volume: half-patch steps,",
            "Gaussian weighting, optionally the 8 mirrorings. Prints windows, seconds per",
            "window, total seconds and peak RSS. --max-windows stops early and projects the",
            "whole volume from the measured windows (for runs that would take hours, e.g.",
            "with --mirror on a CPU).",
            "Example: voxarch bench-predict --model unetrpp-synapse --mirror --max-windows 8"})
final class BenchPredictCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Option(names = "--volume", split = ",", paramLabel = "Z,Y,X", hideParamSyntax = true,
            defaultValue = "160,512,512",
            description = "Volume size in voxels (default: 160,512,512, a typical abdominal CT at the network's "
                    + "spacing).")
    int[] volume;

    @Option(names = "--mirror", description = "Average over the 8 axis mirrorings (test-time augmentation).")
    boolean mirror;

    @Option(names = "--windows-per-forward", defaultValue = "1", paramLabel = "N",
            description = "Windows per network call (default: ${DEFAULT-VALUE}).")
    int windowsPerForward;

    @Option(names = "--max-windows", paramLabel = "N",
            description = "Stop after N windows and project the total (default: run every window).")
    Integer maxWindows;

    @Option(names = "--cases", paramLabel = "N",
            description = {"Predict N volumes one after the other (each with its own random content) and print how "
                    + "much native and heap memory grew from the first to the last third of the run, after a "
                    + "warm-up of a tenth of the cases. Example: --cases 100 --volume 64,128,128"})
    Integer cases;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() {
        if (volume.length != 3 || Arrays.stream(volume).anyMatch(v -> v < 1)) {
            throw new UserError("--volume needs three positive sizes (Z,Y,X), got " + Arrays.toString(volume));
        }
        if (windowsPerForward < 1 || (maxWindows != null && maxWindows < 2)) {
            throw new UserError("--windows-per-forward must be at least 1 and --max-windows at least 2");
        }
        Threads.configure(compute.threads);
        NetworkLoader.Elaborated e = NetworkLoader.elaborate(model);
        Device target = Devices.select(compute.device);
        ArchModule net = NetworkLoader.instantiate(e);
        net.to(target, false);
        net.eval();
        SlidingWindowPredictor predictor = NetworkLoader.slidingWindow(net, e.model(), mirror, windowsPerForward,
                target);
        int[] patch = predictor.options().patch();
        int classes = predictor.options().classes();
        int windows = predictor.windowCount(volume);
        System.out.printf("model %s, patch %s, volume %s: %d windows%s, %d per forward, device %s%n",
                e.model().name(), Arrays.toString(patch), Arrays.toString(volume), windows,
                mirror ? " × 8 mirrorings" : "", windowsPerForward, Devices.describe(target));
        if (cases != null) {
            return repeatedCases(predictor);
        }
        float[][] image = {randomImage(volume, 1)};
        WindowClock clock = new WindowClock(maxWindows == null ? Long.MAX_VALUE : maxWindows);
        try (ClassProbabilities p = predictor.predict(image, volume, clock)) {
            System.out.printf("whole volume: %.1f s (%.2f s per window), output %d classes%n", clock.elapsed(),
                    clock.elapsed() / windows, classes);
        } catch (WindowClock.Stop stop) {
            double perWindow = clock.secondsPerWindowAfterFirst();
            double projected = clock.firstSeconds() + perWindow * (windows - clock.firstWindows());
            System.out.printf("measured %d of %d windows in %.1f s (first batch %.1f s, then %.2f s per window)%n",
                    clock.done(), windows, clock.lastSeconds(), clock.firstSeconds(), perWindow);
            System.out.printf("projected whole volume: %.0f s (%.1f min)%n", projected, projected / 60);
        }
        System.out.printf("peak RSS %.2f GiB%n", BenchCommand.peakRssBytes() / (1024.0 * 1024 * 1024));
        return 0;
    }

    /** {@code --cases}: one volume after another, memory read after each once warmed up. */
    private int repeatedCases(SlidingWindowPredictor predictor) {
        if (cases < 10) {
            throw new UserError("--cases needs at least 10 volumes (a tenth is warm-up, the rest is measured)");
        }
        int warmup = Math.max(1, cases / 10);
        MemoryGrowth growth = new MemoryGrowth();
        long start = System.nanoTime();
        for (int c = 0; c < cases; c++) {
            float[][] image = {randomImage(volume, c + 1)};
            predictor.predict(image, volume, Progress.NONE).close();
            if (c >= warmup) {
                growth.sample();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d cases in %.1f s (%.2f s per case); %d warm-up cases%n", cases, seconds, seconds / cases,
                warmup);
        System.out.print(growth.table());
        System.out.println("memory growth after warm-up: " + growth);
        System.out.printf("peak RSS %.2f GiB%n", BenchCommand.peakRssBytes() / (1024.0 * 1024 * 1024));
        return 0;
    }

    /** Values from a fixed-seed normal distribution: content does not change the timing. */
    private static float[] randomImage(int[] shape, long seed) {
        float[] data = new float[shape[0] * shape[1] * shape[2]];
        Random random = new Random(seed);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return data;
    }

    /** Records when each batch of windows finished, prints a line per batch, and can stop the run early. */
    private static final class WindowClock implements Progress {
        /** Thrown out of the predictor to end a run after the requested number of windows. */
        static final class Stop extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Stop() {
                super(null, null, false, false);
            }
        }

        private final long limit;
        private final long start = System.nanoTime();
        private long done;
        private double lastSeconds;
        private double firstSeconds = Double.NaN;
        private long firstWindows;

        WindowClock(long limit) {
            this.limit = limit;
        }

        @Override
        public void update(long windowsDone, long total) {
            done = windowsDone;
            lastSeconds = elapsed();
            if (Double.isNaN(firstSeconds)) {
                firstSeconds = lastSeconds;
                firstWindows = windowsDone;
            }
            System.out.printf("  %d/%d windows, %.1f s%n", windowsDone, total, lastSeconds);
            if (windowsDone >= limit && windowsDone < total) {
                throw new Stop();
            }
        }

        double elapsed() {
            return (System.nanoTime() - start) / 1e9;
        }

        /** @return seconds from the start to the last reported batch */
        double lastSeconds() {
            return lastSeconds;
        }

        long done() {
            return done;
        }

        double firstSeconds() {
            return firstSeconds;
        }

        long firstWindows() {
            return firstWindows;
        }

        /** Mean time per window after the first batch, which carries one-off costs. */
        double secondsPerWindowAfterFirst() {
            return (lastSeconds - firstSeconds) / (done - firstWindows);
        }
    }
}
