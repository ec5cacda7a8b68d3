package org.voxarch.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.voxarch.runtime.io.DeterministicWeights;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.torch.WeightFiles;
import org.voxarch.runtime.memory.NativeScope;
import org.voxarch.runtime.nn.ArchModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes a network's state dict: its own initialisation, or the parity fixtures' deterministic formula. */
@Command(name = "weights", mixinStandardHelpOptions = true,
        description = {"Write a network's state dict (with alias keys) as safetensors: the spec's initialisation,",
            "or with --formula the deterministic weights of ../shared/fixtures/README.md (and --input-shape-of to",
            "also write the matching formula input as X.safetensors)."})
final class WeightsCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "W.safetensors", description = "Where to write.")
    Path output;

    @Option(names = "--formula", description = "Use the fixtures' formula instead of the spec's initialisation.")
    boolean formula;

    @Option(names = "--weights", paramLabel = "W",
            description = {"Convert: load this state dict (safetensors or a torch.save file: .model, .pth, .pt),",
                "checked against the network, and write it as safetensors with alias keys."})
    Path weights;

    @Option(names = "--input", paramLabel = "X.safetensors",
            description = "Also write the formula input (key 'input', batch 1) for this network's patch.")
    Path input;

    @Override
    public Integer call() {
        NetworkLoader.Elaborated e = NetworkLoader.elaborate(model);
        if (formula && weights != null) {
            throw new UserError("--formula and --weights exclude each other");
        }
        try (ArchModule net = NetworkLoader.instantiate(e)) {
            NativeScope.run(() -> {
                if (formula) {
                    DeterministicWeights.fill(net);
                } else if (weights != null) {
                    StateDict.load(net, WeightFiles.readStateDict(weights));
                }
                Map<String, String> metadata = new LinkedHashMap<>();
                metadata.put("model", e.model().name());
                metadata.put("init", formula ? "formula" : weights != null ? weights.getFileName().toString() : "spec");
                Safetensors.write(output, StateDict.toMap(net), metadata);
                System.out.println("wrote " + output);
                if (input != null) {
                    long[] shape = e.model().inputs().values().iterator().next().concrete();
                    shape[0] = 1;
                    Safetensors.write(input, Map.of("input", DeterministicWeights.input("input", shape)), Map.of());
                    System.out.println("wrote " + input);
                }
            });
        }
        return 0;
    }
}
