package org.voxarch.runtime.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.data.PreprocessedCase;
import org.voxarch.runtime.memory.MemoryGrowth;
import org.voxarch.runtime.memory.MemoryUse;
import org.voxarch.runtime.train.TrainFixtures.TinyNet;

/**
 * Training does not leak: after a warm-up, native memory (the resident set, and what JavaCPP holds) and the Java
 * heap kept after a collection grow by at most 5 % over 150 more iterations of a tiny network. A shortened form of
 * the full benchmark ({@code voxarch bench-train --memory --iters 1000}).
 */
class TrainingMemoryStaysFlatTest {
    private static final int WARMUP = 40;
    private static final int ITERATIONS = 150;
    private static final int EVERY = 5;
    private static final double LIMIT = 0.05;
    /** A JavaCPP figure this small is noise, not a leak: compared as at least this many bytes. */
    private static final long SMALL = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void nativeAndHeapMemoryStayWithinFivePercentAfterWarmUp() {
        List<PreprocessedCase> cases = TrainFixtures.boxCases("train", 3, new int[] {20, 20, 20}, 3, 100);
        torch.manual_seed(1);
        TinyNet net = new TinyNet(1, 4, 3);
        TrainConfig config = TrainConfig.builder(new int[] {16, 16, 16}, dir).epochs(1)
                .iterationsPerEpoch(WARMUP + ITERATIONS).validationBatches(0).batchSize(2).loaderThreads(1)
                .torchThreads(1).progressBar(false).seed(5).build();
        MemoryGrowth growth = new MemoryGrowth();
        try (Trainer trainer = new Trainer(config, net, net::forward, cases, List.of())) {
            trainer.trainIterations(0, 0, WARMUP);
            for (int done = 0; done < ITERATIONS; done += EVERY) {
                trainer.trainIterations(0, WARMUP + done, EVERY);
                growth.sample();
            }
        }
        String report = growth + "\n" + growth.table();
        System.out.println(report);
        assertTrue(growth.rssGrowth() <= LIMIT, "resident set grew: " + report);
        assertTrue(growth.heapGrowth() <= LIMIT, "heap grew: " + report);
        double javacppFirst = Math.max(SMALL, growth.readings().get(0).javacppBytes());
        double javacppGrowth = (growth.settled(MemoryUse::javacppBytes) - growth.readings().get(0).javacppBytes())
                / javacppFirst;
        assertTrue(javacppGrowth <= LIMIT, "JavaCPP-held memory grew: " + report);
    }
}
