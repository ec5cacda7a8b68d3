package org.voxarch.tests;

import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.torch.WeightFiles;

/** The pipeline through the CLI on real files: dataset → train → predict → evaluate, tiny (it checks the plumbing). */
class PipelineEndToEndTest {
    @Test
    void syntheticDatasetRunsThroughEveryStep(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        Path run = dir.resolve("run");
        Path pred = dir.resolve("pred");
        assertEquals(0, CliRun.of("dataset", "synthetic", "-o", data.toString(), "--cases", "4").exitCode());
        CliRun train = CliRun.of("train", "--data", data.toString(), "--model", "unetrpp-tiny", "-o", run.toString(),
                "--epochs", "1", "--iters", "2", "--val-batches", "1");
        assertEquals(0, train.exitCode(), train.err());
        for (String f : List.of("run.json", "plan.json", "model_final.safetensors", "training_log.csv")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f + " in " + run);
        }
        PipelineSteps.predictAndEvaluate(run, data, pred);
        List<String> csv = Files.readAllLines(pred.resolve("evaluation.csv"));
        assertTrue(csv.size() > 1, "one row per case and region: " + csv);

        String id = csv.get(1).split(",")[0];
        Path image = data.resolve("imagesTs").resolve(id + "_0000.nii.gz");
        Path png = dir.resolve("overlay.png");
        CliRun overlay = CliRun.of("overlay", "--image", image.toString(), "--labels",
                pred.resolve(id + ".nii.gz").toString(), "--data", data.toString(), "--count", "3", "-o",
                png.toString());
        assertEquals(0, overlay.exitCode(), overlay.err());
        BufferedImage picture = ImageIO.read(png.toFile());
        assertTrue(picture.getWidth() > 100 && picture.getHeight() > 50, "a picture of 3 slices and a legend");

        CliRun outside = CliRun.of("overlay", "--image", image.toString(), "--labels",
                pred.resolve(id + ".nii.gz").toString(), "--slices", "0,9999", "-o", dir.resolve("no.png").toString());
        assertEquals(1, outside.exitCode());
        assertTrue(outside.err().contains("--slices 9999 is outside"), outside.err());
        assertFalse(Files.exists(dir.resolve("no.png")), "nothing written on an error");
    }

    @Test
    void trainInitStartsFromAnExportedTorchCheckpoint(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        assertEquals(0, CliRun.of("dataset", "synthetic", "-o", data.toString(), "--cases", "3").exitCode());
        Path first = dir.resolve("first");
        CliRun train = CliRun.of("train", "--data", data.toString(), "--model", "unetrpp-tiny", "-o",
                first.toString(), "--epochs", "1", "--iters", "1", "--val-batches", "1");
        assertEquals(0, train.exitCode(), train.err());
        Path exported = dir.resolve("first.model");
        CliRun export = CliRun.of("export", "--run", first.toString(), "-o", exported.toString());
        assertEquals(0, export.exitCode(), export.err());

        CliRun fineTune = CliRun.of("train", "--data", data.toString(), "--model", "unetrpp-tiny", "-o",
                dir.resolve("second").toString(), "--epochs", "1", "--iters", "1", "--val-batches", "1", "--init",
                exported.toString());
        assertEquals(0, fineTune.exitCode(), fineTune.err());
        // Every distinct tensor of the exported file is loaded (an alias pair such as E/F shares memory, counts once).
        long tensors = WeightFiles.readStateDict(exported).values().stream()
                .map(t -> t.data_ptr().address()).distinct().count();
        assertTrue(fineTune.out().contains("initial weights: " + tensors + " tensors from " + exported),
                tensors + " tensors expected: " + fineTune.out());

        CliRun wrongNetwork = CliRun.of("train", "--data", data.toString(), "--model", "unetrpp-acdc", "-o",
                dir.resolve("third").toString(), "--epochs", "1", "--iters", "1", "--init", exported.toString());
        assertEquals(1, wrongNetwork.exitCode(), wrongNetwork.out());
        assertTrue(wrongNetwork.err().contains("missing"), wrongNetwork.err());
        assertFalse(wrongNetwork.err().contains("\tat "), "no stack trace: " + wrongNetwork.err());
    }

    @Test
    void aSeedGivesTheSameWeightsWhateverRanBefore(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        assertEquals(0, CliRun.of("dataset", "synthetic", "-o", data.toString(), "--cases", "3").exitCode());
        List<Map<String, org.bytedeco.pytorch.Tensor>> weights = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            // Draws from libtorch's global generator in between, as other work in the same JVM would.
            randn(new long[] {1000 * (k + 1)});
            Path run = dir.resolve("run" + k);
            CliRun train = CliRun.of("train", "--data", data.toString(), "--model", "unetrpp-tiny", "-o",
                    run.toString(), "--epochs", "1", "--iters", "1", "--val-batches", "1", "--seed", "42");
            assertEquals(0, train.exitCode(), train.err());
            // Compared tensor by tensor, bit for bit: the files differ in their run id (metadata) only.
            weights.add(Safetensors.read(run.resolve("model_final.safetensors")).tensors());
        }
        assertEquals(weights.get(0).keySet(), weights.get(1).keySet());
        weights.get(0).forEach((key, t) -> assertTrue(t.equal(weights.get(1).get(key)),
                "same seed, same data: the same weights; " + key + " differs"));
    }
}
