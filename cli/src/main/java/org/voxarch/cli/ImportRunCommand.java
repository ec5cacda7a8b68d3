package org.voxarch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.data.ChannelPlan;
import org.voxarch.runtime.data.DatasetPlan;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.StateDictMismatchException;
import org.voxarch.runtime.io.torch.NnUnetPlans;
import org.voxarch.runtime.io.torch.WeightFiles;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Makes a run folder from an nnU-Net v1 checkpoint and its plans, so predict and evaluate use it as their own. */
@Command(name = "import-run", mixinStandardHelpOptions = true,
        description = {"Make a run folder from an nnU-Net v1 checkpoint (model_final_checkpoint.model or",
            "model_best.model, with its .model.pkl beside it): the weights, and plan.json from the plans (patch,",
            "target spacing, normalisation with the CT statistics, classes). The network is --model, else the one",
            "the trainer name says, else the bundled UNETR++ variant whose keys fit. Prints what of the plans",
            "voxarch does not honour. Then: voxarch predict --run RUN ..."})
final class ImportRunCommand implements Callable<Integer> {
    /** nnU-Net trainer names of the UNETR++ authors, and the bundled variant each trains. */
    private static final Map<String, String> TRAINERS = Map.of(
            "unetr_pp_trainer_synapse", "unetrpp-synapse", "unetr_pp_trainer_acdc", "unetrpp-acdc",
            "unetr_pp_trainer_tumor", "unetrpp-brats", "unetr_pp_trainer_lung", "unetrpp-lung");
    private static final List<String> CANDIDATES = List.of("unetrpp-synapse", "unetrpp-acdc", "unetrpp-brats",
            "unetrpp-lung");

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "The .model file (torch.save).")
    Path checkpoint;

    @Option(names = "--plans", paramLabel = "FILE", description = "The plans pickle (default: CHECKPOINT.pkl).")
    Path plansFile;

    @Option(names = {"-m", "--model"}, paramLabel = "NAME", description = "The network (default: from the plans).")
    String model;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "Override a network parameter (after those the plans give: in_channels, classes, patch).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "RUN", description = "The run folder to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        Path pkl = plansFile != null ? plansFile : checkpoint.resolveSibling(checkpoint.getFileName() + ".pkl");
        if (!Files.isRegularFile(pkl)) {
            throw new UserError(pkl + ": no such file (the plans pickle written beside the checkpoint; or --plans)");
        }
        NnUnetPlans plans = NnUnetPlans.read(pkl);
        Map<String, String> base = new LinkedHashMap<>();
        base.put("in_channels", Integer.toString(plans.channels().size()));
        base.put("classes", Integer.toString(plans.classes()));
        base.put("patch", ModelOptions.listSetting(plans.patch()));
        base.putAll(settings);
        List<String> candidates = model != null ? List.of(model)
                : TRAINERS.containsKey(plans.trainer()) ? List.of(TRAINERS.get(plans.trainer())) : CANDIDATES;
        try (PointerScope scope = new PointerScope()) {
            Map<String, Tensor> weights = WeightFiles.readStateDict(checkpoint);
            List<String> rejected = new ArrayList<>();
            for (String name : candidates) {
                ModelOptions options = new ModelOptions();
                options.model = name;
                options.settings = new LinkedHashMap<>(base);
                NetworkLoader.Elaborated e = NetworkLoader.elaborate(options);
                // A rejected candidate is closed at once: trying the Lung network alone builds 121 M parameters.
                try (ArchModule net = NetworkLoader.instantiate(e)) {
                    try {
                        StateDict.load(net, weights);
                    } catch (StateDictMismatchException mismatch) {
                        if (candidates.size() == 1) {
                            throw mismatch;
                        }
                        rejected.add(name + ": " + mismatch.getMessage().lines().findFirst().orElse(""));
                        continue;
                    }
                    write(net, e, plans, options.settings);
                    report(name, e, plans);
                    return 0;
                }
            }
            throw new UserError(checkpoint + ": no bundled network fits its state dict (pass --model):\n  "
                    + String.join("\n  ", rejected));
        }
    }

    private void write(ArchModule net, NetworkLoader.Elaborated e, NnUnetPlans plans, Map<String, String> used)
            throws Exception {
        Files.createDirectories(output);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("model", e.model().name());
        metadata.put("imported_from", checkpoint.getFileName().toString());
        String runId = UUID.randomUUID().toString();
        metadata.put(Trainer.WEIGHTS_RUN_KEY, runId);
        Safetensors.write(output.resolve(Trainer.FINAL_WEIGHTS), StateDict.toMap(net), metadata);
        DatasetPlan plan = plans.toDatasetPlan("imported", "imported:" + checkpoint.getFileName());
        plan.write(output.resolve("plan.json"));
        List<String> classNames = new ArrayList<>(List.of("background"));
        Map<String, List<Integer>> regions = new LinkedHashMap<>();
        for (int c = 1; c < plans.classes(); c++) {
            classNames.add("class " + c);
            regions.put("class " + c, List.of(c));
        }
        new RunInfo(e.model().name(), null, used, "imported", "plan.json", classNames, regions, runId, plan.fingerprint())
                .write(output);
    }

    private void report(String name, NetworkLoader.Elaborated e, NnUnetPlans plans) {
        System.out.printf("imported %s (%s, %,d parameters) into %s%n", checkpoint, name,
                e.model().parameterCount(), output.toAbsolutePath());
        System.out.printf("  patch %s, target spacing %s, %d classes (background included)%n",
                Arrays.toString(plans.patch()), Arrays.toString(plans.spacing()), plans.classes());
        for (int c = 0; c < plans.channels().size(); c++) {
            ChannelPlan p = plans.channels().get(c);
            System.out.printf("  channel %d: %s%n", c, p.normalization() == org.voxarch.runtime.data.Normalization.CT
                    ? String.format("CT: clip to [%.1f, %.1f], then (x - %.2f) / %.2f", p.lower(), p.upper(),
                            p.mean(), p.std())
                    : "z-score per image" + (p.useMask() ? " inside the non-zero mask" : ""));
        }
        System.out.println("not honoured:");
        plans.notHonoured().forEach(n -> System.out.println("  - " + n));
        System.out.println("  - the optimizer state and training curves of the checkpoint are not imported");
    }

}
