package org.voxarch.cli;

import static org.bytedeco.pytorch.global.torch.randn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.voxarch.runtime.Devices;
import org.voxarch.runtime.memory.NativeScope;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.ForwardScope;
import org.voxarch.runtime.nn.InPlace;
import org.voxarch.runtime.nn.Inference;
import org.voxarch.runtime.nn.Kernels;
import org.voxarch.runtime.nn.Profiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Times forward passes and training steps on random data. A benchmark: it prints figures, it asserts nothing. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the network on random input: median seconds per forward (eval, no gradients) and,",
            "with --train, per training step (forward in train mode, Dice+CE over the deep-supervision heads,",
            "backward, gradient clipping at 12, SGD with Nesterov momentum 0.99). Prints peak RSS."})
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "Batch size (default: 1).")
    int batch;

    @Option(names = "--train", description = "Also time training steps.")
    boolean train;

    @Option(names = "--iters", defaultValue = "5", paramLabel = "K", description = "Timed iterations (default: 5).")
    int iters;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "K", description = "Untimed first iterations.")
    int warmup;

    @Option(names = "--profile", description = {"Also profile one forward (and with --train one training step):",
        "time, output shape, FLOPs and GFLOP/s of every module and heavy operation, slowest first."})
    boolean profile;

    @Option(names = "--memory", description = {"With --train: the resident set after each phase of a step and its",
        "peak during it; with --profile also what each module call left alive (outputs and what autograd saved).",
        "Run with VOXARCH_MALLOC=measure, which returns freed memory at once, so the resident set follows use."})
    boolean memory;

    @Option(names = "--top", defaultValue = "30", paramLabel = "N", description = "Profile rows shown (default: 30).")
    int top;

    @Option(names = "--plain", description = {"Turn off the runtime's alternatives (see Kernels, ForwardScope,",
        "Inference): libtorch's own kernel choice, intermediates kept until the pass ends, no inference mode."})
    boolean plain;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() {
        if (batch < 1 || iters < 1 || warmup < 0 || top < 1) {
            throw new UserError("--batch, --iters and --top must be at least 1, --warmup at least 0");
        }
        Threads.configure(compute.threads);
        if (plain) {
            Kernels.plain();
            ForwardScope.enable(false);
            Inference.enable(false);
            InPlace.enable(false);
        }
        NetworkLoader.Elaborated e = NetworkLoader.elaborate(model);
        long[] shape = e.model().inputs().values().iterator().next().concrete();
        shape[0] = batch;
        Device target = Devices.select(compute.device);
        ArchModule net = NetworkLoader.instantiate(e);
        net.to(target, false);
        System.out.printf("model %s, %,d parameters, input %s, device %s, %d thread(s); kernels: %s; forwardScopes=%s"
                + " inferenceMode=%s inplaceActivations=%s%n", e.model().name(), e.model().parameterCount(), java.util.Arrays.toString(shape),
                Devices.describe(target), torch.get_num_threads(), Kernels.describe(), onOff(ForwardScope.enabled()),
                onOff(Inference.enabled()), onOff(InPlace.enabled()));
        System.out.println("malloc: " + MallocSetting.describe());
        System.out.printf("resident before the first pass: %.2f GiB (libraries, JVM, weights)%n",
                statusBytes("VmRSS:") / (1024.0 * 1024 * 1024));
        double gemm = GemmPeak.measure(target);
        System.out.printf("GEMM peak (2048x2048 matmul, same run): %.1f GFLOP/s (fvcore: multiply-add = 1 FLOP)%n",
                gemm);
        TensorOptions options = new TensorOptions(target);
        Runnable forwardPass = () -> {
            net.eval();
            Inference.run(() -> NetworkLoader.forward(net, randn(shape, options)));
        };
        List<Double> forward = time(warmup, iters, forwardPass);
        report("forward", forward);
        double flops = (double) e.model().flops() * batch;
        System.out.printf("forward: %.1f GFLOP/s at the minimum (%.2f GFLOP per pass), %.0f %% of the GEMM peak%n",
                flops / Collections.min(forward) / 1e9, flops / 1e9, 100 * flops / Collections.min(forward) / 1e9
                / gemm);
        if (profile) {
            ProfileTable.print("forward (eval)", profiled(net, forwardPass, memory), top);
        }
        long phasePeak = 0; // with --memory the process's peak is reset per phase: the highest of them
        if (train) {
            TrainingStep step = new TrainingStep(net, e.model().outputs().get(0).dim(1), shape, target);
            if (memory) {
                step.phases().recordMemory();
            }
            List<Double> steps = time(warmup, iters, step::run);
            report("train step (batch " + batch + ")", steps);
            step.phases().print(System.out);
            if (memory) {
                step.phases().printMemory(System.out);
            }
            if (profile) {
                ProfileTable.print("training step (forward in train mode; backward etc. as phases above)",
                        profiled(net, step::run, memory), top);
            }
            phasePeak = step.phases().highestPeak();
        }
        long peak = Math.max(peakRssBytes(), phasePeak);
        System.out.printf("peak RSS %.2f GiB%n", peak / (1024.0 * 1024 * 1024));
        return 0;
    }

    private static List<Profiler.Row> profiled(ArchModule net, Runnable pass, boolean memory) {
        List<Profiler.Row> rows;
        Profiler.start(net, memory);
        try {
            NativeScope.run(pass);
        } finally {
            rows = Profiler.stop();
        }
        return rows;
    }

    private static List<Double> time(int warmup, int iters, Runnable step) {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < warmup + iters; i++) {
            int index = i;
            NativeScope.run(() -> {
                ProcessCounters before = ProcessCounters.read();
                long start = System.nanoTime();
                step.run();
                double s = (System.nanoTime() - start) / 1e9;
                ProcessCounters used = ProcessCounters.read().minus(before);
                if (index >= warmup) {
                    seconds.add(s);
                }
                System.out.printf("  %s %d: %.3f s (CPU %.1f s user + %.1f s system, %,d page faults)%n",
                        index < warmup ? "warm-up" : "iteration", index < warmup ? index + 1 : index - warmup + 1, s,
                        used.userSeconds(), used.systemSeconds(), used.minorFaults());
            });
        }
        return seconds;
    }

    private static void report(String what, List<Double> seconds) {
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("%s: median %.3f s (min %.3f, max %.3f, %d runs)%n", what, median, sorted.get(0),
                sorted.get(sorted.size() - 1), sorted.size());
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** VmHWM from /proc (Linux); 0 where unavailable. */
    static long peakRssBytes() {
        return statusBytes("VmHWM:");
    }

    /** A size field of /proc/self/status (Linux), in bytes; 0 where unavailable. */
    private static long statusBytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
