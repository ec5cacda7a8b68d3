package org.voxarch.cli;

import static org.bytedeco.pytorch.global.torch.randint;
import static org.bytedeco.pytorch.global.torch.randn;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.voxarch.runtime.memory.ResidentBytes;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.train.DeepSupervisionLoss;
import org.voxarch.runtime.train.DiceCrossEntropyLoss;
import org.voxarch.runtime.train.GradientClipping;

/**
 * The benchmark's training step on random data, as the trainer does it (forward in train mode, Dice+CE over the
 * deep-supervision heads, backward, gradient clipping at 12, SGD with Nesterov momentum 0.99), with the wall time of
 * each phase recorded so that a slow step can be attributed.
 */
final class TrainingStep {
    private static final double CLIP = 12.0;

    private final ArchModule net;
    private final long classes;
    private final long[] shape;
    private final Device device;
    private final TensorVector parameters;
    private final SGD sgd;
    private final DeepSupervisionLoss loss = new DeepSupervisionLoss(new DiceCrossEntropyLoss(false));
    private final Phases phases = new Phases();

    TrainingStep(ArchModule net, long classes, long[] shape, Device device) {
        this.net = net;
        this.classes = classes;
        this.shape = shape.clone();
        this.device = device;
        this.parameters = net.parameters();
        SGDOptions so = new SGDOptions(0.01);
        so.momentum().put(0.99);
        so.nesterov().put(true);
        so.weight_decay().put(3e-5);
        this.sgd = new SGD(parameters, so);
    }

    /** One step; the caller's scope frees its tensors. */
    void run() {
        net.train(true);
        phases.time("zero_grad", () -> {
            sgd.zero_grad();
            return null;
        });
        Tensor[] heads = phases.time("forward", () -> NetworkLoader.forward(net, randn(shape,
                new TensorOptions(device))));
        Tensor l = phases.time("loss", () -> {
            Tensor labels = randint(classes, new long[] {shape[0], shape[2], shape[3], shape[4]},
                    new TensorOptions(device).dtype(new ScalarTypeOptional(torch.ScalarType.Long)));
            return loss.compute(heads, labels);
        });
        phases.time("backward", () -> {
            l.backward();
            return null;
        });
        phases.time("clip", () -> GradientClipping.clip(parameters, CLIP));
        phases.time("sgd step", () -> sgd.step());
    }

    Phases phases() {
        return phases;
    }

    /**
     * Seconds per phase over every step run so far; with {@link #recordMemory} also the resident set after each phase
     * and its peak during it, for the last step.
     */
    static final class Phases {
        private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
        private final Map<String, long[]> memory = new LinkedHashMap<>();
        private boolean recordMemory;
        private long highest;

        /** Records the resident set per phase from now on (resets the process's peak before each phase). */
        void recordMemory() {
            recordMemory = true;
            highest = ResidentBytes.peak();
        }

        /** @return the highest peak seen by the phases, or 0 when memory is not recorded */
        long highestPeak() {
            return highest;
        }

        <T> T time(String phase, Supplier<T> body) {
            if (recordMemory) {
                highest = Math.max(highest, ResidentBytes.peak());
                ResidentBytes.resetPeak();
            }
            long start = System.nanoTime();
            T value = body.get();
            seconds.computeIfAbsent(phase, p -> new ArrayList<>()).add((System.nanoTime() - start) / 1e9);
            if (recordMemory) {
                long peak = ResidentBytes.peak();
                highest = Math.max(highest, peak);
                memory.put(phase, new long[] {ResidentBytes.now(), peak});
            }
            return value;
        }

        /** The resident set after each phase of the last step and its peak during the phase. */
        void printMemory(PrintStream out) {
            out.println("  phase       resident after GiB   peak during GiB   (last step)");
            for (Map.Entry<String, long[]> e : memory.entrySet()) {
                out.printf("  %-10s %19.2f %17.2f%n", e.getKey(), gib(e.getValue()[0]), gib(e.getValue()[1]));
            }
        }

        private static double gib(long bytes) {
            return bytes / (1024.0 * 1024 * 1024);
        }

        void print(PrintStream out) {
            out.println("  phase        min s   median s   (all steps, warm-up included)");
            for (Map.Entry<String, List<Double>> e : seconds.entrySet()) {
                List<Double> s = new ArrayList<>(e.getValue());
                Collections.sort(s);
                out.printf("  %-10s %7.3f %9.3f%n", e.getKey(), s.get(0), s.get(s.size() / 2));
            }
        }
    }
}
