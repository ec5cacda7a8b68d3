package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    }
}
