package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.TensorFile;

/**
 * Data-parallel training over c10d (Gloo, loopback only), with worker processes started as {@code voxarch launch}
 * starts them. Small network and patches, one libtorch thread per worker, so that several JVMs fit on 2 cores.
 */
class DataParallelTrainingTest {
    private static final String LOOPBACK = "127.0.0.1";
    private static final Pattern WORKER_FAILED = Pattern.compile(
            "voxarch launch: worker rank [01] \\(pid \\d+\\) exited with code [1-9]\\d*; stopping the other workers");
    private static final Pattern ALL_REDUCE = Pattern.compile("gradient all-reduce wait ([0-9.]+) ms per step");

    @TempDir
    static Path shared;
    private static Path data;
    private static Path spec;
    private static Path batchNormSpec;

    @BeforeAll
    static void syntheticDataset() throws URISyntaxException {
        data = shared.resolve("data");
        assertEquals(0, CliRun.of("dataset", "synthetic", "-o", data.toString(), "--cases", "4").exitCode());
        spec = Path.of(DataParallelTrainingTest.class.getResource("/distributed/small_net.arch").toURI());
        batchNormSpec = Path.of(DataParallelTrainingTest.class.getResource("/distributed/small_bn_net.arch").toURI());
    }

    /** Options of a short run of the small network without augmentation (so only the sharding differs). */
    private static List<String> smallRun(Path run, int batch, int epochs, int iterations) {
        return new ArrayList<>(List.of("train", "--data", data.toString(), "--spec", spec.toString(), "--model",
                "small_net", "-o", run.toString(), "--epochs", Integer.toString(epochs), "--iters",
                Integer.toString(iterations), "--val-batches", "2", "--batch", Integer.toString(batch),
                "--no-augmentation", "--threads", "1", "--seed", "5", "--dist-timeout", "60"));
    }

    /**
     * The check, with batch norm synchronised: 2 workers × batch 1 end 5 steps with the weights (and running
     * statistics) of 1 process × batch 2. Then that one process's checkpoint resumes in 2 workers, which end where
     * one uninterrupted process does.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoWorkersOfBatchOneWithSynchronisedBatchNormTrainAsOneProcessOfBatchTwo(@TempDir Path dir)
            throws IOException {
        Path single = dir.resolve("single");
        CliRun alone = CliRun.of(batchNormRun(single, 2, 1).toArray(String[]::new));
        assertEquals(0, alone.exitCode(), alone.err());

        Path parallel = dir.resolve("parallel");
        List<String> args = launch(2);
        args.addAll(batchNormRun(parallel, 1, 1));
        args.add("--verify-replicas");
        CliRun launched = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, launched.exitCode(), launched.out() + launched.err());
        assertTrue(launched.out().contains("[rank 0] data-parallel training: 2 workers, backend gloo (c10d)"),
                launched.out());
        assertTrue(launched.out().contains("[rank 0] batch norm (3 layer(s)): statistics of the global batch "
                + "(synchronised over 2 workers)"), launched.out());
        assertTrue(launched.out().contains("parameters identical on every rank after each of 5 steps"),
                launched.out());
        assertTrue(launched.out().contains("batch-norm statistics all-reduce"), launched.out());
        assertSameWeights(single, parallel);

        // One process's checkpoint after epoch 1, continued by 2 workers, against one process throughout.
        Path uninterrupted = dir.resolve("uninterrupted");
        CliRun both = CliRun.of(batchNormRun(uninterrupted, 2, 2).toArray(String[]::new));
        assertEquals(0, both.exitCode(), both.err());
        List<String> resume = launch(2);
        resume.addAll(batchNormRun(single, 1, 2));
        resume.add("--resume");
        CliRun resumed = CliRun.of(resume.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertFalse(resumed.out().contains("epoch 1/2:"), resumed.out());
        assertTrue(resumed.out().contains("epoch 2/2:"), resumed.out());
        assertSameWeights(uninterrupted, single);
        assertEquals(3, Files.readAllLines(single.resolve("training_log.csv")).size());
    }

    /**
     * 5 steps per epoch of the batch-norm network, synchronised; {@code batch} per worker. The first epoch's learning
     * rate is the same whatever {@code epochs}, so one epoch of a 1-epoch run is the first of a 2-epoch run.
     */
    private static List<String> batchNormRun(Path run, int batch, int epochs) {
        List<String> args = smallRun(run, batch, epochs, 5);
        args.set(args.indexOf(spec.toString()), batchNormSpec.toString());
        args.set(args.indexOf("small_net"), "small_bn_net");
        args.add("--sync-batchnorm");
        return args;
    }

    private static List<String> launch(int workers) {
        return new ArrayList<>(List.of("launch", "--nproc-per-node", Integer.toString(workers), "--master-addr",
                LOOPBACK, "--master-port", Integer.toString(freePort())));
    }

    private static void assertSameWeights(Path expectedRun, Path actualRun) {
        TensorFile one = Safetensors.read(expectedRun.resolve("model_final.safetensors"));
        TensorFile two = Safetensors.read(actualRun.resolve("model_final.safetensors"));
        assertEquals(one.tensors().keySet(), two.tensors().keySet());
        for (Map.Entry<String, Tensor> e : one.tensors().entrySet()) {
            assertRelativelyClose(e.getKey(), floats(e.getValue()), floats(two.require(e.getKey())), 1e-5);
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aWorkerThatDiesStopsTheOtherAndTheRunResumesInOneProcess(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        int port = freePort();
        List<String> args = smallRun(run, 1, 3, 40);
        Process[] workers = new Process[2];
        Path[] logs = new Path[2];
        for (int rank = 0; rank < 2; rank++) {
            logs[rank] = dir.resolve("rank" + rank + ".log");
            workers[rank] = worker(args, rank, 2, port, logs[rank]);
        }
        try {
            Path checkpoint = run.resolve("checkpoint_latest.pt");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!Files.exists(checkpoint) && workers[0].isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(checkpoint), "epoch 1 ended: " + Files.readString(logs[0]));
            assertTrue(workers[0].isAlive(), "rank 0 is in epoch 2: " + Files.readString(logs[0]));
            workers[1].destroyForcibly();
            assertTrue(workers[0].waitFor(90, TimeUnit.SECONDS), "rank 0 noticed within the timeout");
            assertNotEquals(0, workers[0].exitValue());
            String log = Files.readString(logs[0]);
            assertTrue(log.contains("failed on rank 0 of 2 (another worker has stopped or cannot be reached)"), log);
        } finally {
            for (Process p : workers) {
                p.destroyForcibly();
            }
        }
        // The 2 × 1 run's checkpoint, continued by one process with the same global batch.
        List<String> resume = smallRun(run, 2, 3, 40);
        resume.add("--resume");
        CliRun resumed = CliRun.of(resume.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertFalse(resumed.out().contains("epoch 1/3:"), resumed.out());
        assertTrue(resumed.out().contains("epoch 2/3:") && resumed.out().contains("epoch 3/3:"), resumed.out());
        List<String> csv = Files.readAllLines(run.resolve("training_log.csv"));
        assertEquals(4, csv.size(), "a header and one row per epoch: " + csv);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void threeLaunchedWorkersWriteOneRun(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        CliRun launched = CliRun.of("launch", "--nproc-per-node", "3", "--master-port", Integer.toString(freePort()),
                "train", "--data", data.toString(), "--model", "unetrpp-tiny", "-o", run.toString(), "--epochs", "1",
                "--iters", "1", "--val-batches", "1", "--batch", "1", "--threads", "1");
        String out = launched.out();
        assertEquals(0, launched.exitCode(), out + launched.err());
        assertTrue(out.contains("[rank 0] data-parallel training: 3 workers, backend gloo (c10d)"), out);
        assertEquals(1, count(out, "epoch 1/1: train loss"), "one log, from rank 0: " + out);
        assertEquals(1, count(out, "run folder: "), out);
        Matcher m = ALL_REDUCE.matcher(out);
        assertTrue(m.find(), "the all-reduce time is reported: " + out);
        for (String f : List.of("model_final.safetensors", "checkpoint_latest.pt", "training_log.csv", "run.json")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        assertEquals(2, Files.readAllLines(run.resolve("training_log.csv")).size());
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void launchStopsTheWorkersWhenOneFailsAndNamesIt(@TempDir Path dir) {
        CliRun launched = CliRun.of("launch", "--nproc-per-node", "2", "--master-port", Integer.toString(freePort()),
                "train", "--data", dir.resolve("missing").toString(), "-o", dir.resolve("run").toString(),
                "--dist-timeout", "60");
        assertNotEquals(0, launched.exitCode());
        assertTrue(WORKER_FAILED.matcher(launched.err()).find(), launched.err());
        assertTrue(launched.err().contains("missing"), "the worker's own message is shown: " + launched.err());
    }

    private static Process worker(List<String> args, int rank, int world, int port, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib:jdwp")).forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.voxarch.cli.Main");
        command.addAll(args);
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().putAll(Map.of("RANK", Integer.toString(rank), "WORLD_SIZE", Integer.toString(world),
                "LOCAL_RANK", Integer.toString(rank), "LOCAL_WORLD_SIZE", Integer.toString(world), "MASTER_ADDR",
                LOOPBACK, "MASTER_PORT", Integer.toString(port)));
        return b.start();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static float[] floats(Tensor t) {
        return Fixtures.values(t.to(ScalarType.Float));
    }

    private static void assertRelativelyClose(String what, float[] expected, float[] actual, double relative) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs((double) expected[i] - actual[i]));
        }
        assertTrue(worst <= relative * scale, what + ": max difference " + worst + " > " + relative + " × " + scale);
    }
}
