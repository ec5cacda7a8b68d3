package org.voxarch.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.TestTensors;
import org.voxarch.runtime.data.PreprocessedCase;
import org.voxarch.runtime.io.AtomicFiles;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.train.TrainFixtures.TinyNet;

class TrainerTest {
    private static final int[] PATCH = {16, 16, 16};
    private static final List<PreprocessedCase> TRAINING = TrainFixtures.boxCases("train", 3, new int[] {20, 20, 20}, 3,
            100);
    private static final List<PreprocessedCase> VALIDATION = TrainFixtures.boxCases("val", 2, new int[] {20, 20, 20},
            3, 200);

    @TempDir
    Path dir;

    private static TrainConfig.Builder tiny(Path out) {
        return TrainConfig.builder(PATCH, out).epochs(2).iterationsPerEpoch(5).validationBatches(2).batchSize(2)
                .loaderThreads(1).torchThreads(1).progressBar(false).seed(77);
    }

    private static TinyNet net(long initSeed) {
        torch.manual_seed(initSeed);
        return new TinyNet(1, 4, 3);
    }

    @Test
    void lossDecreasesOnALearnableTask() {
        TinyNet net = net(1);
        TrainConfig config = tiny(dir).learningRate(0.01).augmentations(Augmentations.none()).build();
        try (Trainer trainer = new Trainer(config, net, net::forward, TRAINING, VALIDATION)) {
            double[] losses = trainer.trainIterations(0, 0, 40).losses();
            double first = Arrays.stream(losses, 0, 5).average().orElseThrow();
            double last = Arrays.stream(losses, 35, 40).average().orElseThrow();
            // Dice + CE starts near 1 here; the loss can go below 0 (it includes −Dice), so compare differences.
            assertTrue(last < first - 0.5, "loss " + first + " -> " + last + ": " + Arrays.toString(losses));
        }
    }

    @Test
    void resumingContinuesExactlyAsAnUninterruptedRun() {
        TinyNet straight = net(1);
        TrainingHistory straightHistory;
        try (Trainer trainer = new Trainer(tiny(dir.resolve("straight")).build(), straight, straight::forward,
                TRAINING, VALIDATION)) {
            straightHistory = trainer.fit();
        }

        TinyNet interrupted = net(1);
        Path out = dir.resolve("resumed");
        try (Trainer first = new Trainer(tiny(out).build(), interrupted, interrupted::forward, TRAINING, VALIDATION)) {
            first.fitUntil(1);
            assertEquals(1, first.nextEpoch());
            assertFalse(Files.exists(out.resolve(Trainer.FINAL_WEIGHTS)), "not finished yet");
        }
        TinyNet resumed = net(999); // different initial weights: the checkpoint must replace them all
        TrainingHistory resumedHistory;
        try (Trainer second = new Trainer(tiny(out).build(), resumed, resumed::forward, TRAINING, VALIDATION)) {
            assertTrue(second.resumeIfPresent());
            assertEquals(1, second.nextEpoch());
            resumedHistory = second.fit();
        }

        Map<String, Tensor> expected = StateDict.toMap(straight);
        StateDict.toMap(resumed).forEach((key, t) -> assertTrue(t.equal(expected.get(key)), key + " differs by "
                + TestTensors.maxAbsDiff(t, expected.get(key))));
        assertEquals(2, resumedHistory.epochs().size());
        for (int e = 0; e < 2; e++) {
            EpochRecord a = straightHistory.epochs().get(e);
            EpochRecord b = resumedHistory.epochs().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), 0.0, "train loss of epoch " + e);
            assertEquals(a.validationLoss(), b.validationLoss(), 0.0, "validation loss of epoch " + e);
            assertEquals(a.validationDice(), b.validationDice(), 0.0, "Dice of epoch " + e);
            assertEquals(a.emaDice(), b.emaDice(), 0.0);
            assertEquals(a.learningRate(), b.learningRate(), 0.0);
        }
    }

    @Test
    void everyEpochWritesCheckpointLogAndPlotAndTheEndWritesFinalWeights() throws IOException {
        TinyNet net = net(2);
        List<EpochRecord> ended = new ArrayList<>();
        List<Integer> bests = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        try (Trainer trainer = new Trainer(tiny(dir).epochs(3).build(), net, net::forward, TRAINING, VALIDATION)) {
            trainer.addListener(new TrainingListener() {
                @Override
                public void epochStarted(int epoch, double learningRate) {
                    rates.add(trainer.learningRate());
                }

                @Override
                public void epochEnded(EpochRecord record) {
                    ended.add(record);
                    assertTrue(Files.exists(dir.resolve(TrainingCheckpoint.LATEST)));
                    assertEquals(record.epoch() + 1, TrainingCheckpoint.readState(dir.resolve(TrainingCheckpoint.LATEST))
                            .nextEpoch());
                }

                @Override
                public void newBest(EpochRecord record, Path weights) {
                    bests.add(record.epoch());
                }
            });
            trainer.fit();
        }
        PolySchedule poly = new PolySchedule(0.01, 3, 0.9);
        assertEquals(List.of(poly.learningRate(0), poly.learningRate(1), poly.learningRate(2)), rates);
        assertEquals(3, ended.size());
        assertEquals(0, bests.get(0), "the first defined Dice is the first best");
        for (EpochRecord r : ended) {
            assertEquals(poly.learningRate(r.epoch()), r.learningRate(), 0.0);
            assertTrue(r.validationDice() >= 0 && r.validationDice() <= 1, "Dice " + r.validationDice());
        }

        List<String> csv = Files.readAllLines(dir.resolve(CsvLog.FILE_NAME));
        assertEquals(CsvLog.HEADER, csv.get(0));
        assertEquals(4, csv.size());
        assertTrue(csv.get(3).startsWith("2,"), csv.get(3));
        byte[] png = Files.readAllBytes(dir.resolve(CurvePlot.FILE_NAME));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(Files.exists(dir.resolve(Trainer.BEST_WEIGHTS)));

        TinyNet reloaded = net(5);
        StateDict.load(reloaded, Safetensors.read(dir.resolve(Trainer.FINAL_WEIGHTS)).tensors());
        Map<String, Tensor> trained = StateDict.toMap(net);
        StateDict.toMap(reloaded).forEach((key, t) -> assertTrue(t.equal(trained.get(key)), key));

        TrainingState state = TrainingCheckpoint.readState(dir.resolve(TrainingCheckpoint.LATEST));
        assertEquals(3, state.nextEpoch());
        assertEquals(ended, state.history());
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary files");
        }
    }

    @Test
    void aCheckpointInterruptedBeforeTheMoveLeavesThePreviousOneIntact() throws IOException {
        TinyNet net = net(3);
        Path file = dir.resolve(TrainingCheckpoint.LATEST);
        TrainConfig config = tiny(dir).build();
        try (Trainer trainer = new Trainer(config, net, net::forward, TRAINING, VALIDATION)) {
            trainer.fitUntil(1);
        }
        byte[] before = Files.readAllBytes(file);
        TrainingState later = TrainingState.of(config, 2, List.of());
        SGD sgd = new SGD(net.parameters(), new SGDOptions(0.1));
        RuntimeException crash = assertThrows(RuntimeException.class, () -> TrainingCheckpoint.save(file, net, sgd,
                later, () -> {
                    throw new IllegalStateException("simulated crash after the temporary file was written");
                }));
        assertTrue(crash.getMessage().contains("simulated crash"), crash.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(1, TrainingCheckpoint.readState(file).nextEpoch());
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "temporary file removed");
        }

        // A write that fails half-way leaves the target as it was, too.
        Path text = dir.resolve("log.csv");
        Files.writeString(text, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(text, temporary -> {
            Files.writeString(temporary, "half of the n");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(text));
    }

    @Test
    void resumeRefusesADifferentSeedAndLeavesTheNetworkAlone() {
        TinyNet net = net(4);
        try (Trainer trainer = new Trainer(tiny(dir).build(), net, net::forward, TRAINING, VALIDATION)) {
            trainer.fitUntil(1);
        }
        TinyNet other = net(6);
        Map<String, Tensor> before = new LinkedHashMap<>();
        StateDict.toMap(other).forEach((k, t) -> before.put(k, t.clone()));
        try (Trainer trainer = new Trainer(tiny(dir).seed(78).build(), other, other::forward, TRAINING, VALIDATION)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> trainer.resume(trainer.latestCheckpoint()));
            assertTrue(e.getMessage().contains("seed 77 (now 78)"), e.getMessage());
            assertEquals(0, trainer.nextEpoch());
        }
        StateDict.toMap(other).forEach((k, t) -> assertTrue(t.equal(before.get(k)), k));
    }

    @Test
    void clippingScalesTheGlobalNormDownOnly() {
        Tensor a = torch.zeros(2).requires_grad_(true);
        Tensor b = torch.zeros(1).requires_grad_(true);
        a.mul(TestTensors.tensor(new float[] {3, 4}, 2)).sum().add(b.mul(TestTensors.tensor(new float[] {12}, 1))
                .sum()).backward();
        TensorVector params = new TensorVector(a, b);
        assertEquals(13.0, GradientClipping.clip(params, 6.5), 1e-6);
        assertArrayEquals(new float[] {1.5f, 2f}, TestTensors.floats(a.grad()), 1e-5f);
        assertArrayEquals(new float[] {6f}, TestTensors.floats(b.grad()), 1e-5f);
        assertEquals(6.5, GradientClipping.clip(params, 12), 1e-5);
        assertArrayEquals(new float[] {1.5f, 2f}, TestTensors.floats(a.grad()), 1e-5f);
    }

    @Test
    void stateSurvivesJsonWithUndefinedValues() {
        TrainConfig config = tiny(dir).build();
        TrainingState s = TrainingState.of(config, 1, List.of(new EpochRecord(0, 1.5, Double.NaN, Double.NaN,
                Double.NaN, 0.01, 2.5, false)));
        assertEquals(s, TrainingState.fromJson(s.toJson()));
        assertTrue(CsvLog.format(s.history()).contains("0,1.5,,,,0.01,2.500"), CsvLog.format(s.history()));
    }
}
