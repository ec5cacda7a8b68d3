package org.voxarch.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.voxarch.compiler.model.Shape;
import org.voxarch.runtime.Devices;
import org.voxarch.runtime.io.LoadReport;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.torch.WeightFiles;
import org.voxarch.runtime.io.TensorFile;
import org.voxarch.runtime.memory.NativeScope;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.NoGrad;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One inference pass with given weights: the parity check against the reference in a single command. */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = {"Build the network, load weights by name, run the tensor 'input' in eval mode without",
            "gradients, and write every head as output.0, output.1, ... (full tensors, float32).",
            "Weights may carry both E.* and F.* alias keys; num_batches_tracked may be absent."})
final class ForwardCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Option(names = "--weights", required = true, paramLabel = "W",
            description = {"State dict to load: safetensors, or a torch.save file (.model, .pth, .pt: a state",
                "dict, or a dict holding one under state_dict, model or network_weights), told from the content."})
    Path weights;

    @Option(names = "--input", required = true, paramLabel = "X.safetensors",
            description = "File holding the input tensor named 'input', shaped [B, channels, Z, Y, X].")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "Y.safetensors", description = "Where to write.")
    Path output;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() {
        NetworkLoader.Elaborated e = NetworkLoader.elaborate(model);
        Threads.configure(compute.threads);
        Shape expected = e.model().inputs().values().iterator().next();
        Device target = Devices.select(compute.device);
        try (ArchModule net = NetworkLoader.instantiate(e)) {
            NativeScope.run(() -> {
                LoadReport report = StateDict.load(net, WeightFiles.readStateDict(weights));
                TensorFile in = Safetensors.read(input);
                if (!in.tensors().containsKey("input")) {
                    throw new UserError(input + ": no tensor named 'input' (it has " + String.join(", ",
                            in.tensors().keySet()) + ")");
                }
                Tensor x = in.tensors().get("input");
                checkInput(x, expected);
                net.to(target, false);
                net.eval();
                Tensor onDevice = x.to(target, ScalarType.Float);
                Tensor[] outputs = NoGrad.get(() -> NetworkLoader.forward(net, onDevice));
                Map<String, Tensor> result = new LinkedHashMap<>();
                for (int i = 0; i < outputs.length; i++) {
                    result.put("output." + i, outputs[i].cpu().contiguous());
                }
                Map<String, String> metadata = new LinkedHashMap<>();
                metadata.put("model", e.model().name());
                metadata.put("parameters", e.model().parameters().toString());
                Safetensors.write(output, result, metadata);
                System.out.printf("loaded %d tensors from %s; wrote %d output(s) to %s%n", report.loaded(), weights,
                        outputs.length, output);
                for (int i = 0; i < outputs.length; i++) {
                    System.out.println("  output." + i + " " + Arrays.toString(outputs[i].sizes().vec().get()));
                }
            });
        }
        return 0;
    }

    private void checkInput(Tensor x, Shape expected) {
        long[] shape = x.sizes().vec().get();
        boolean ok = shape.length == expected.rank();
        for (int i = 1; ok && i < shape.length; i++) {
            ok = expected.dim(i) == Shape.BATCH || shape[i] == expected.dim(i);
        }
        if (!ok) {
            throw new UserError(input + ": tensor 'input' has shape " + Arrays.toString(shape) + " but "
                    + model.model + " expects " + expected
                    + " (for another patch size pass --set patch=Z,Y,X; channels: --set in_channels=N)");
        }
    }
}
