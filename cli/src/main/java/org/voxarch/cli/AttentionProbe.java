package org.voxarch.cli;

import static org.bytedeco.pytorch.global.torch.randn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;
import org.voxarch.runtime.memory.NativeScope;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.Inference;

/**
 * One attention block, declared as a small network with input {@code [B, tokens, channels]}, run on its own at one
 * token count: median wall time and peak memory of a forward (or forward and backward) pass on one sample. Before
 * anything is allocated, the memory the pass needs is predicted from the spec; past the budget the block is not run.
 */
final class AttentionProbe {
    /**
     * @param seconds   median wall time over the repeats, NaN when not run
     * @param cpuSeconds median CPU time of the calling thread: with one libtorch thread the pass runs there, and
     *                  this is what it cost whatever the neighbours' load
     * @param peakBytes measured peak above the level before the pass, -1 when not run or not measurable
     * @param predicted predicted bytes: the spec's training activations of one sample (every tensor the forward
     *                  produces), twice that with the backward pass (a gradient for each)
     * @param refused   why it was not run, or null
     */
    record Measurement(double seconds, double cpuSeconds, long peakBytes, long predicted, String refused) {}

    private AttentionProbe() {
    }

    static Measurement measure(Program program, String network, Map<String, String> settings, boolean backward,
            int repeats, long budgetBytes) {
        NetworkModel model = Compiler.elaborate(program, network, settings);
        long predicted = model.trainingActivationBytes() * (backward ? 2 : 1);
        if (predicted > budgetBytes) {
            return new Measurement(Double.NaN, Double.NaN, -1, predicted, "out of memory budget");
        }
        long[] shape = model.inputs().values().iterator().next().concrete();
        shape[0] = 1;
        ArchModule net = NetworkLoader.instantiate(new NetworkLoader.Elaborated(program, model, false));
        try {
            net.train(backward);
            Runnable pass = () -> NativeScope.run(() -> {
                if (backward) {
                    NetworkLoader.forward(net, randn(shape))[0].sum().backward();
                } else {
                    Inference.run(() -> NetworkLoader.forward(net, randn(shape)));
                }
            });
            pass.run(); // warm-up: kernels chosen, gradients allocated
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            List<Double> seconds = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                pass.run();
                cpu.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
                seconds.add((System.nanoTime() - start) / 1e9);
            }
            long peak = PeakMemory.of(pass);
            Collections.sort(seconds);
            Collections.sort(cpu);
            return new Measurement(seconds.get(seconds.size() / 2), cpu.get(cpu.size() / 2), peak, predicted, null);
        } finally {
            net.close();
        }
    }
}
