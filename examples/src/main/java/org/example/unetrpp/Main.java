package org.example.unetrpp;

import static org.bytedeco.pytorch.global.torch.clip_grad_norm_;
import static org.bytedeco.pytorch.global.torch.randint;
import static org.bytedeco.pytorch.global.torch.randn;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.example.unetrpp.nets.SmallUnetrpp;
import org.voxarch.runtime.nn.NetworkInfo;
import org.voxarch.runtime.train.DeepSupervisionLoss;
import org.voxarch.runtime.train.DiceCrossEntropyLoss;

/**
 * Builds the network generated from {@code src/main/arch/small_unetrpp.arch}, prints what the compiler worked out
 * about it, and trains it for a few steps on random volumes.
 */
public final class Main {
    private static final int STEPS = 3;

    private Main() {
    }

    public static void main(String[] args) {
        // The generated class: one constructor argument record, Parameters, whose defaults() are the spec's values.
        SmallUnetrpp.Parameters parameters = SmallUnetrpp.Parameters.defaults();
        SmallUnetrpp net = new SmallUnetrpp(parameters);

        NetworkInfo info = SmallUnetrpp.INFO;
        System.out.printf("%s (generated from src/main/arch/small_unetrpp.arch)%n", info.name());
        System.out.printf("  input    %s%n", info.inputs());
        System.out.printf("  outputs  %s%n", info.outputs());
        System.out.printf("  %,d parameters, %.2f GFLOPs per sample, %d state-dict keys%n", info.parameterCount(),
                info.flops() / 1e9, info.keys().size());
        System.out.println("  (the full per-module table: target/voxarch-reports/small_unetrpp.md)");

        // UNETR++'s optimiser and loss: SGD with Nesterov momentum, Dice + cross-entropy on every supervision head.
        SGDOptions options = new SGDOptions(0.01);
        options.momentum().put(0.99);
        options.nesterov().put(true);
        SGD sgd = new SGD(net.parameters(), options);
        DeepSupervisionLoss loss = new DeepSupervisionLoss(new DiceCrossEntropyLoss(false));

        long[] patch = parameters.patch();
        long[] input = {1, parameters.inChannels(), patch[0], patch[1], patch[2]};
        long[] labels = {1, patch[0], patch[1], patch[2]};
        TensorOptions asLabels = new TensorOptions().dtype(new ScalarTypeOptional(ScalarType.Long));
        net.train(true);
        for (int step = 1; step <= STEPS; step++) {
            // Everything allocated in a step is freed when its scope closes; the network lives outside it.
            try (PointerScope scope = new PointerScope()) {
                long start = System.nanoTime();
                sgd.zero_grad();
                Tensor[] heads = net.forward(randn(input));
                Tensor l = loss.compute(heads, randint(parameters.classes(), labels, asLabels));
                l.backward();
                clip_grad_norm_(net.parameters(), 12.0);
                sgd.step();
                double value = l.item_double();
                if (!Double.isFinite(value)) {
                    throw new IllegalStateException("the loss is not finite at step " + step);
                }
                System.out.printf("step %d: loss %.4f (%.2f s)%n", step, value, (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
