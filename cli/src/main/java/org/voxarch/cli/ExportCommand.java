package org.voxarch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.voxarch.runtime.data.DatasetPlan;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.torch.NnUnetCheckpoint;
import org.voxarch.runtime.io.torch.TorchWriter;
import org.voxarch.runtime.io.torch.WeightFiles;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.memory.NativeScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a run's weights and plan as an nnU-Net v1 checkpoint pair that the UNETR++ authors' code loads. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a run as an nnU-Net v1 checkpoint: X.model (torch.save zip format: epoch, state_dict,",
            "no optimizer state) and X.model.pkl (init, name, class, plans), which the UNETR++ authors' trainers",
            "load with load_checkpoint / restore_model."})
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A run folder (train or import-run).")
    Path run;

    @Option(names = "--weights", paramLabel = "W", description = "Weights (default: the run's best, else final).")
    Path weights;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "X.model", description = "Where to write.")
    Path output;

    @Override
    public Integer call() {
        RunInfo info = RunInfo.read(run);
        DatasetPlan plan = DatasetPlan.read(run.resolve(info.plan()));
        NetworkLoader.Elaborated e = NetworkLoader.elaborate(info.modelOptions(run));
        Path source = weights != null ? weights : PredictCommand.defaultWeights(run);
        try (ArchModule net = NetworkLoader.instantiate(e)) {
            NativeScope.run(() -> {
                StateDict.load(net, WeightFiles.readStateDict(source));
                int[] patch = NetworkLoader.patchOf(e.model());
                int classes = (int) e.model().outputs().get(0).dim(1);
                String trainer = NnUnetCheckpoint.trainerFor(e.model().name());
                TorchWriter.save(output, NnUnetCheckpoint.checkpoint(StateDict.toMap(net)));
                Path pkl = output.resolveSibling(output.getFileName() + ".pkl");
                TorchWriter.savePickle(pkl, NnUnetCheckpoint.info(trainer, NnUnetCheckpoint.plans(patch,
                        plan.targetSpacing(), plan.medianShape(), classes, plan.channels())));
                System.out.printf("wrote %s and %s (%s, %d tensors, trainer %s)%n", output, pkl, e.model().name(),
                        StateDict.entries(net).size(), trainer);
            });
        }
        return 0;
    }
}
