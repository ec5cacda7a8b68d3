package org.voxarch.cli;

import static org.bytedeco.pytorch.global.torch.clip_grad_norm_;
import static org.bytedeco.pytorch.global.torch.randint;
import static org.bytedeco.pytorch.global.torch.randn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.voxarch.runtime.Devices;
import org.voxarch.runtime.memory.NativeScope;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.NoGrad;
import org.voxarch.runtime.train.DeepSupervisionLoss;
import org.voxarch.runtime.train.DiceCrossEntropyLoss;
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

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() {
        if (batch < 1 || iters < 1 || warmup < 0) {
            throw new UserError("--batch and --iters must be at least 1, --warmup at least 0");
        }
        Threads.configure(compute.threads);
        NetworkLoader.Elaborated e = NetworkLoader.elaborate(model);
        long[] shape = e.model().inputs().values().iterator().next().concrete();
        shape[0] = batch;
        Device target = Devices.select(compute.device);
        ArchModule net = NetworkLoader.instantiate(e);
        net.to(target, false);
        System.out.printf("model %s, %,d parameters, input %s, device %s, %d thread(s)%n", e.model().name(),
                e.model().parameterCount(), java.util.Arrays.toString(shape), Devices.describe(target),
                torch.get_num_threads());
        TensorOptions options = new TensorOptions(target);
        List<Double> forward = time(warmup, iters, () -> {
            net.eval();
            NoGrad.run(() -> NetworkLoader.forward(net, randn(shape, options)));
        });
        report("forward", forward);
        if (train) {
            SGDOptions so = new SGDOptions(0.01);
            so.momentum().put(0.99);
            so.nesterov().put(true);
            so.weight_decay().put(3e-5);
            SGD sgd = new SGD(net.parameters(), so);
            DeepSupervisionLoss loss = new DeepSupervisionLoss(new DiceCrossEntropyLoss(false));
            long classes = e.model().outputs().get(0).dim(1);
            long[] labelShape = {batch, shape[2], shape[3], shape[4]};
            List<Double> steps = time(warmup, iters, () -> {
                net.train(true);
                sgd.zero_grad();
                Tensor[] heads = NetworkLoader.forward(net, randn(shape, options));
                Tensor labels = randint(classes, labelShape, new TensorOptions(target).dtype(
                        new org.bytedeco.pytorch.ScalarTypeOptional(torch.ScalarType.Long)));
                Tensor l = loss.compute(heads, labels);
                l.backward();
                clip_grad_norm_(net.parameters(), 12.0);
                sgd.step();
            });
            report("train step (batch " + batch + ")", steps);
        }
        System.out.printf("peak RSS %.2f GiB%n", peakRssBytes() / (1024.0 * 1024 * 1024));
        return 0;
    }

    private static List<Double> time(int warmup, int iters, Runnable step) {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < warmup + iters; i++) {
            double s = NativeScope.get(() -> {
                long start = System.nanoTime();
                step.run();
                return (System.nanoTime() - start) / 1e9;
            });
            if (i >= warmup) {
                seconds.add(s);
            }
            System.out.printf("  %s %d: %.3f s%n", i < warmup ? "warm-up" : "iteration", i < warmup ? i + 1
                    : i - warmup + 1, s);
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

    /** VmHWM from /proc (Linux); 0 where unavailable. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
