package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real data end to end: builds the Colin27 dataset from Debian's mricron-data (the T1 MRI and the AAL atlas),
 * trains unetrpp-tiny briefly on the left hemisphere and scores the right one, which training never saw. The budget
 * (8 epochs of 50 iterations at 2 mm, 4 to 6 minutes on 2 cores) can be changed with the system properties
 * {@code voxarch.colin27.epochs} and {@code voxarch.colin27.iters} of the test JVM.
 */
class Colin27EndToEndTest {
    /** Where Debian's mricron-data package installs the templates (the CLI's default). */
    private static final Path MRICRON = Path.of("/usr/share/mricron/templates");

    @Test
    void trainsOnOneHemisphereAndSegmentsTheOther(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(MRICRON.resolve("ch2.nii.gz")),
                "needs Debian's mricron-data (.ci/run installs it)");
        Path data = dir.resolve("colin27");
        Path run = dir.resolve("run");
        CliRun dataset = CliRun.of("dataset", "colin27", "-o", data.toString());
        assertEquals(0, dataset.exitCode(), dataset.err());
        CliRun train = CliRun.of("train", "--data", data.toString(), "--model", "unetrpp-tiny", "-o", run.toString(),
                "--spacing", "2,2,2", "--epochs", System.getProperty("voxarch.colin27.epochs", "8"), "--iters",
                System.getProperty("voxarch.colin27.iters", "50"), "--val-batches", "2");
        assertEquals(0, train.exitCode(), train.err());
        Path predictions = dir.resolve("predictions");
        CliRun evaluation = PipelineSteps.predictAndEvaluate(run, data, predictions);
        System.out.println("Colin27, right hemisphere held out:\n" + evaluation.out());

        Map<String, Double> dice = PipelineSteps.diceByRegion(predictions.resolve("evaluation.csv"));
        assertEquals(4, dice.size(), "every class is scored: " + dice);
        assertTrue(dice.get("cerebral cortex") > 0.6, "cortex Dice on the unseen hemisphere: " + dice);
        // 400 iterations reach a mean of 0.34 (cortex 0.83, cerebellum 0.51, the two small classes 0) with 1 thread.
        assertTrue(PipelineSteps.meanDice(predictions.resolve("evaluation.csv")) > 0.2, "mean Dice: " + dice);
    }
}
