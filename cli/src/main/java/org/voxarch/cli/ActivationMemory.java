package org.voxarch.cli;

import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.Value;

/**
 * An estimate of the activation memory one training sample needs: the output of every layer of the forward pass,
 * float32, batch 1. Autograd keeps about that much for the backward pass (a layer's output is the next layer's saved
 * input); it is what makes full self-attention infeasible, its attention map being tokens² per head. The compiler
 * reports no such figure yet, so this reads the output shapes that shape inference recorded per layer.
 */
final class ActivationMemory {
    private static final long FLOAT_BYTES = 4;

    private ActivationMemory() {
    }

    /** @return estimated bytes of activations for one sample */
    static long perSample(NetworkModel model) {
        return elements(model.root()) * FLOAT_BYTES;
    }

    /** @return bytes of the largest single layer output of one sample (full attention: its attention map) */
    static long largestOutput(NetworkModel model) {
        return largest(model.root()) * FLOAT_BYTES;
    }

    private static long largest(Instance node) {
        long max = node.kind() == Instance.Kind.PRIMITIVE ? elementsOf(node.output()) : 0;
        for (Instance.Entry e : node.entries()) {
            max = Math.max(max, largest(e.child()));
        }
        return max;
    }

    private static long elements(Instance node) {
        long total = node.kind() == Instance.Kind.PRIMITIVE ? elementsOf(node.output()) : 0;
        for (Instance.Entry e : node.entries()) {
            if (!e.alias()) {
                total = Math.addExact(total, elements(e.child()));
            }
        }
        return total;
    }

    private static long elementsOf(Value v) {
        if (v instanceof Value.Tensor t) {
            return t.shape().numelPerSample();
        }
        if (v instanceof Value.Tuple t) {
            return t.items().stream().mapToLong(ActivationMemory::elementsOf).sum();
        }
        return 0;
    }
}
