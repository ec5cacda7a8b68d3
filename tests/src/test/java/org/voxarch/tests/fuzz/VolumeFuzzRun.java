package org.voxarch.tests.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.voxarch.runtime.data.Geometry;
import org.voxarch.runtime.data.Nifti;
import org.voxarch.runtime.data.SyntheticDataset;
import org.voxarch.runtime.data.Volume;
import org.voxarch.tests.CliRun;

/**
 * Runs hostile volumes and datasets through the commands that read data: a mutated image through {@code predict},
 * {@code overlay} and {@code dataset colin27}; a mutated label map through {@code evaluate} (as prediction and as
 * reference), {@code overlay} and {@code dataset colin27}; a mutated dataset folder through {@code predict},
 * {@code evaluate} and, for every {@code trainEvery}-th one, {@code train} (a tiny network, one iteration) and
 * {@code bench-train}. Each input is made from the seed and its index alone, so a failure is reproduced by both.
 */
final class VolumeFuzzRun {
    /** One input that failed the oracle: its index, how it was made, the command and what went wrong. */
    record Failure(int index, String how, String command, List<String> problems) {}

    private static final String MESSAGES = System.getProperty("voxarch.volfuzz.messages");

    private final Path dir;
    private final Path base;
    private final Path run;
    private final Path spec;
    private final int trainEvery;
    final List<Failure> failures = new ArrayList<>();
    int inputs;
    int commands;
    int accepted;
    int trained;
    /** Per command name: runs and total wall seconds, to see where the time goes. */
    final java.util.Map<String, double[]> time = new java.util.TreeMap<>();

    /** Writes the valid dataset the mutants start from and trains the tiny run that predict uses. */
    VolumeFuzzRun(Path dir, int trainEvery) throws IOException {
        this.dir = dir;
        this.trainEvery = trainEvery;
        base = dir.resolve("base");
        SyntheticDataset.write(base, 3, 3, new SyntheticDataset.Spec(new int[] {10, 12, 12},
                new double[] {1.5, 1, 1}, 2, 1));
        placeInTheWorld(base);
        try {
            spec = Path.of(VolumeFuzzRun.class.getResource("/distributed/small_net.arch").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        run = dir.resolve("run");
        CliRun trainedRun = CliRun.of(trainArgs(base, run).toArray(String[]::new));
        if (trainedRun.exitCode() != 0) {
            throw new IllegalStateException("the valid dataset does not train: " + trainedRun.err());
        }
    }

    /**
     * Gives every file of the dataset a qform and sform (codes 1, an origin away from 0), as scanners write them,
     * so that mutations of those fields meet a header that uses them.
     */
    private static void placeInTheWorld(Path dataset) throws IOException {
        try (Stream<Path> s = Files.walk(dataset)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".nii.gz")).toList()) {
                Volume v = Nifti.read(p);
                double[] sp = v.spacing();
                double[] m = {sp[2], 0, 0, -90, 0, sp[1], 0, 126, 0, 0, sp[0], -72};
                Volume placed = new Volume(v.data(), v.shape(), sp, new Geometry(1, 1, m, m,
                        new float[] {0, 0, 0, -90, 126, -72}, 1f));
                if (p.getParent().getFileName().toString().startsWith("labels")) {
                    Nifti.writeLabels(p, placed);
                } else {
                    Nifti.write(p, placed);
                }
            }
        }
    }

    private List<String> trainArgs(Path data, Path output) {
        return new ArrayList<>(List.of("train", "--data", data.toString(), "--spec", spec.toString(), "--model",
                "small_net", "-o", output.toString(), "--epochs", "1", "--iters", "1", "--val-batches", "1",
                "--batch", "1", "--threads", "1", "--no-augmentation"));
    }

    void run(int count, long seed) throws IOException {
        run(java.util.stream.IntStream.range(0, count).toArray(), seed);
    }

    /** Runs the inputs of these indices only (to make failures of a long run again). */
    void run(int[] indices, long seed) throws IOException {
        for (int i : indices) {
            inputs++;
            Path work = dir.resolve("input" + i);
            Files.createDirectories(work);
            Random random = new Random(mix(seed, i));
            switch (random.nextInt(4)) {
                case 0 -> image(i, work, random);
                case 1 -> label(i, work, random);
                default -> dataset(i, work, random);
            }
            delete(work);
        }
    }

    /**
     * A well-spread seed for input {@code index}: {@link Random}'s first draws from neighbouring seeds are nearly
     * equal, which would give every input the same kind (SplitMix64's finaliser).
     */
    static long mix(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void image(int index, Path work, Random random) throws IOException {
        NiftiMutator.Mutant m = new NiftiMutator(random).mutate(NiftiMutator.plain(Files.readAllBytes(baseImage())));
        String how = "image " + m.how();
        Path scans = work.resolve("scans");
        Files.createDirectories(scans);
        Path scan = scans.resolve(random.nextBoolean() ? "scan.nii.gz" : "scan.nii");
        Files.write(scan, m.bytes());
        Path out = outputFolder(work, random, "scan.nii.gz");
        check(index, how, new DataCommandOracle.Command(List.of("predict", "--run", run.toString(), "--input",
                scan.toString(), "-o", out.toString(), "--no-mirror", "--threads", "1"), List.of(scans, run),
                List.of(out), List.of(out.resolve("notes.txt"))), List.of(scan.toString()));
        Path picture = out.resolve("picture.png");
        check(index, how, new DataCommandOracle.Command(List.of("overlay", "--image", scan.toString(), "--labels",
                baseLabel().toString(), "-o", picture.toString()), List.of(scans, base), List.of(picture),
                List.of(out.resolve("notes.txt"))), List.of(scan.toString()));
        if (random.nextInt(3) == 0) {
            colin27(index, how, work, m.bytes(), Files.readAllBytes(baseLabel()));
        }
    }

    private void label(int index, Path work, Random random) throws IOException {
        NiftiMutator.Mutant m = new NiftiMutator(random).mutate(NiftiMutator.plain(Files.readAllBytes(baseLabel())));
        String how = "label " + m.how();
        Path mutated = work.resolve("mutated");
        Path valid = work.resolve("valid");
        Files.createDirectories(mutated);
        Files.createDirectories(valid);
        Path bad = mutated.resolve("case.nii.gz");
        Files.write(bad, m.bytes());
        Files.copy(baseLabel(), valid.resolve("case.nii.gz"));
        Path out = outputFolder(work, random, "evaluation.csv");
        boolean asPrediction = random.nextBoolean();
        check(index, how + (asPrediction ? " (prediction)" : " (reference)"), new DataCommandOracle.Command(List.of(
                "evaluate", "--pred", (asPrediction ? mutated : valid).toString(), "--truth",
                (asPrediction ? valid : mutated).toString(), "-o", out.toString()), List.of(mutated, valid),
                List.of(out), List.of(out.resolve("notes.txt"))), List.of(bad.toString()));
        Path picture = out.resolve("picture.png");
        check(index, how, new DataCommandOracle.Command(List.of("overlay", "--image", baseImage().toString(),
                "--labels", bad.toString(), "-o", picture.toString()), List.of(mutated, base), List.of(picture),
                List.of(out.resolve("notes.txt"))), List.of(bad.toString()));
        if (random.nextInt(3) == 0) {
            colin27(index, how, work, Files.readAllBytes(baseImage()), m.bytes());
        }
    }

    private void colin27(int index, String how, Path work, byte[] t1, byte[] aal) throws IOException {
        Path mricron = work.resolve("mricron");
        Files.createDirectories(mricron);
        Files.write(mricron.resolve("ch2.nii.gz"), t1);
        Files.write(mricron.resolve("aal.nii.gz"), aal);
        Path out = work.resolve("colin27");
        check(index, how, new DataCommandOracle.Command(List.of("dataset", "colin27", "--mricron", mricron.toString(),
                "-o", out.toString()), List.of(mricron), List.of(out), List.of()),
                // The valid file is not on the template's grid either, so a refusal of either file is right.
                List.of(mricron.resolve("ch2.nii.gz").toString(), mricron.resolve("aal.nii.gz").toString()));
    }

    private void dataset(int index, Path work, Random random) throws IOException {
        Path data = work.resolve("data");
        copy(base, data);
        DatasetMutator.Mutation m = new DatasetMutator(random).mutate(data);
        String how = "dataset " + m.how();
        Path out = outputFolder(work, random, "synth_003.nii.gz");
        check(index, how, new DataCommandOracle.Command(List.of("predict", "--run", run.toString(), "--input",
                data.toString(), "-o", out.toString(), "--no-mirror", "--threads", "1"), List.of(data, run),
                List.of(out), List.of(out.resolve("notes.txt"))), m.blame());
        // Valid predictions for every case of the base dataset, scored against the mutated references.
        Path predictions = work.resolve("predictions");
        Files.createDirectories(predictions);
        for (String folder : List.of("labelsTr", "labelsTs")) {
            try (Stream<Path> s = Files.list(base.resolve(folder))) {
                for (Path p : s.toList()) {
                    Files.copy(p, predictions.resolve(p.getFileName()));
                }
            }
        }
        Path scores = work.resolve("scores");
        check(index, how, new DataCommandOracle.Command(List.of("evaluate", "--pred", predictions.toString(),
                "--truth", data.toString(), "-o", scores.toString()), List.of(data, predictions), List.of(scores),
                List.of()), m.blame());
        if (index % trainEvery == 0) {
            Path runFolder = work.resolve("run");
            Files.createDirectories(runFolder);
            // An earlier run in the folder: a refused training must leave it whole.
            Files.writeString(runFolder.resolve("run.json"), "{\"model\": \"an earlier run\"}");
            Files.writeString(runFolder.resolve("notes.txt"), "the user's notes");
            trained++;
            check(index, how, new DataCommandOracle.Command(trainArgs(data, runFolder), List.of(data),
                    List.of(runFolder), List.of(runFolder.resolve("notes.txt"))), m.blame());
        }
        if (index % (2 * trainEvery) == 1) {
            Path bench = work.resolve("bench");
            check(index, how, new DataCommandOracle.Command(List.of("bench-train", "--data", data.toString(),
                    "--spec", spec.toString(), "--model", "small_net", "--iters", "1", "--warmup", "0", "--batch",
                    "1", "--threads", "1", "-o", bench.toString()), List.of(data), List.of(bench), List.of()),
                    m.blame());
        }
    }

    /** An output folder holding a file of the user's, and sometimes an earlier result named {@code existing}. */
    private static Path outputFolder(Path work, Random random, String existing) throws IOException {
        Path out = work.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "the user's notes");
        if (random.nextBoolean()) {
            Files.writeString(out.resolve(existing), "an earlier result");
        }
        return out;
    }

    private void check(int index, String how, DataCommandOracle.Command command, List<String> blame) {
        commands++;
        long start = System.nanoTime();
        DataCommandOracle.Outcome o = DataCommandOracle.run(command, blame);
        double[] t = time.computeIfAbsent(command.args().get(0), k -> new double[2]);
        t[0]++;
        t[1] += (System.nanoTime() - start) / 1e9;
        if (o.accepted()) {
            accepted++;
        }
        if (MESSAGES != null) {
            // For reading what users would be told: -Dvoxarch.volfuzz.messages=FILE.
            try {
                Files.writeString(Path.of(MESSAGES), index + "\t" + command.args().get(0) + "\t" + how + "\t"
                        + o.exitCode() + "\t" + o.err().replace('\n', ' ').replace('\r', ' ') + "\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!o.problems().isEmpty()) {
            failures.add(new Failure(index, how, String.join(" ", command.args()), o.problems()));
        }
    }

    private Path baseImage() {
        return base.resolve("imagesTr").resolve("synth_000_0000.nii.gz");
    }

    private Path baseLabel() {
        return base.resolve("labelsTr").resolve("synth_000.nii.gz");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
