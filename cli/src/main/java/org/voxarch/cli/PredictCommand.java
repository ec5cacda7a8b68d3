package org.voxarch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Device;
import org.voxarch.runtime.Devices;
import org.voxarch.runtime.data.DatasetCase;
import org.voxarch.runtime.data.DatasetCheck;
import org.voxarch.runtime.data.DatasetPlan;
import org.voxarch.runtime.data.LoadedCase;
import org.voxarch.runtime.data.MsdDataset;
import org.voxarch.runtime.data.Nifti;
import org.voxarch.runtime.data.Preprocessor;
import org.voxarch.runtime.data.Volume;
import org.voxarch.runtime.infer.CaseInference;
import org.voxarch.runtime.infer.SlidingWindowPredictor;
import org.voxarch.runtime.io.AtomicFiles;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.TensorFile;
import org.voxarch.runtime.io.torch.WeightFiles;
import org.voxarch.runtime.nn.ArchModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Segments new images with a trained run: sliding windows, optional mirroring, NIfTI out in the input's geometry. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Segment images with a trained run: preprocess with the run's plan, sliding windows with",
            "half-patch steps and Gaussian weighting, mirror test-time augmentation (on by default), labels",
            "resampled back to each input's grid and written as <case>.nii.gz with its geometry.",
            "INPUT is a .nii/.nii.gz file (multi-modal: name_0000.nii.gz with its _0001... siblings), a folder of",
            "them, or an MSD dataset folder (its test cases)."})
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A folder written by voxarch train.")
    Path run;

    @Option(names = "--weights", paramLabel = "W",
            description = {"Weights to use, safetensors or a torch.save file such as a .model (default: the run's",
                "model_best, else model_final)."})
    Path weights;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "INPUT", description = "Image, folder or dataset.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Where to write labels.")
    Path output;

    @Option(names = "--no-mirror", description = "Skip mirror test-time augmentation (8× faster).")
    boolean noMirror;

    @Option(names = "--windows-per-forward", defaultValue = "1", description = "Patches per forward (default: 1).")
    int windowsPerForward;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() throws Exception {
        RunInfo info = RunInfo.read(run);
        Threads.configure(compute.threads);
        // The inputs are read first: a bad image is reported before anything heavy happens.
        List<LoadedCase> cases = cases(input);
        if (cases.isEmpty()) {
            throw new UserError(input + ": no images found (.nii or .nii.gz)");
        }
        requireInputsKept(cases, input, output);
        DatasetPlan plan = info.readPlan(run);
        Path weightsFile = weights != null ? weights : defaultWeights(run);
        NetworkLoader.Elaborated e = NetworkLoader.elaborate(info.modelOptions(run));
        ArchModule net = NetworkLoader.instantiate(e);
        TensorFile weightsData = WeightFiles.read(weightsFile);
        info.requireOwnWeights(run, weightsFile, weightsData.metadata(), weights != null);
        StateDict.load(net, weightsData.tensors());
        Device target = Devices.select(compute.device);
        net.to(target, false);
        net.eval();
        SlidingWindowPredictor predictor = NetworkLoader.slidingWindow(net, e.model(), !noMirror, windowsPerForward,
                target);
        CaseInference inference = new CaseInference(new Preprocessor(plan),
                predictor);
        Files.createDirectories(output);
        ConsoleProgress progress = new ConsoleProgress("predicting");
        for (int i = 0; i < cases.size(); i++) {
            LoadedCase c = cases.get(i);
            Path segmentation = output.resolve(c.id() + ".nii.gz");
            // What a killed earlier run into this folder left half-written.
            AtomicFiles.removeStaleTemporaries(segmentation);
            inference.predictToFile(c, segmentation, org.voxarch.runtime.data.Progress.NONE);
            progress.update(i + 1, cases.size());
        }
        System.out.println("wrote " + cases.size() + " segmentation(s) to " + output.toAbsolutePath());
        return 0;
    }

    /**
     * Refuses an output folder where a segmentation would replace an input: one of the images, a reference label of
     * the case, or any existing file inside the input dataset (its labelsTs/, say).
     */
    private static void requireInputsKept(List<LoadedCase> cases, Path input, Path output) {
        boolean dataset = Files.isDirectory(input) && Files.isRegularFile(input.resolve(MsdDataset.DESCRIPTOR));
        for (LoadedCase c : cases) {
            Path target = output.resolve(c.id() + ".nii.gz");
            boolean existing = Files.exists(target);
            boolean isInput = c.source().files().stream().anyMatch(f -> InputGuard.same(f, target));
            if (isInput || existing && dataset && InputGuard.inside(target, input)) {
                throw new UserError("-o " + output + " would overwrite " + target + ", " + (isInput
                        ? "an input of case " + c.id() : "a file of the input dataset " + input)
                        + "; choose another output folder; nothing was written");
            }
        }
    }

    static Path defaultWeights(Path run) {
        for (String name : List.of("model_best.safetensors", "model_final.safetensors")) {
            if (Files.isRegularFile(run.resolve(name))) {
                return run.resolve(name);
            }
        }
        throw new UserError(run + ": no model_best.safetensors or model_final.safetensors; pass --weights");
    }

    /** Cases from a dataset folder (its test list), a folder of images, or one image. */
    static List<LoadedCase> cases(Path input) throws IOException {
        if (Files.isDirectory(input) && Files.exists(input.resolve(MsdDataset.DESCRIPTOR))) {
            MsdDataset dataset = MsdDataset.open(input);
            if (dataset.test().isEmpty()) {
                throw new UserError(input.resolve(MsdDataset.DESCRIPTOR) + ": lists no test cases (\"test\") to"
                        + " segment; give a folder of images or one image as --input instead");
            }
            List<LoadedCase> out = new ArrayList<>();
            for (DatasetCase c : dataset.test()) {
                LoadedCase loaded = dataset.read(c);
                DatasetCheck.require3d(c.images().get(0), loaded.reference().shape());
                out.add(loaded);
            }
            return out;
        }
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(input)) {
            try (Stream<Path> s = Files.list(input)) {
                s.filter(PredictCommand::isNifti).sorted().forEach(files::add);
            }
        } else if (Files.isRegularFile(input)) {
            files.add(input);
        } else {
            throw new UserError(input + ": no such file or folder");
        }
        // name_0000.nii.gz, name_0001.nii.gz, ... are the channels of case "name".
        Map<String, List<Path>> byCase = new TreeMap<>();
        for (Path f : files) {
            String stem = f.getFileName().toString().replaceFirst("\\.nii(\\.gz)?$", "");
            String id = stem.matches(".*_\\d{4}$") ? stem.substring(0, stem.length() - 5) : stem;
            if (Files.isRegularFile(input) && stem.matches(".*_0000$")) {
                byCase.put(id, siblings(f, id));
            } else {
                byCase.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
            }
        }
        List<LoadedCase> out = new ArrayList<>();
        for (var e : byCase.entrySet()) {
            List<Volume> channels = new ArrayList<>();
            for (Path p : e.getValue()) {
                Volume channel = Nifti.read(p);
                DatasetCheck.require3d(p, channel.shape());
                channels.add(channel);
            }
            out.add(new LoadedCase(new DatasetCase(e.getKey(), e.getValue(), null), channels, null));
        }
        return out;
    }

    private static List<Path> siblings(Path first, String id) {
        List<Path> out = new ArrayList<>();
        String suffix = first.getFileName().toString().replaceFirst("^.*_0000", "");
        for (int k = 0; ; k++) {
            Path p = first.resolveSibling(String.format("%s_%04d%s", id, k, suffix));
            if (!Files.isRegularFile(p)) {
                return out;
            }
            out.add(p);
        }
    }

    static boolean isNifti(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".nii") || n.endsWith(".nii.gz"));
    }
}
