package org.voxarch.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.data.PreprocessedCase;
import org.voxarch.runtime.train.TrainFixtures.TinyNet;

/** The trainer stops at the first non-finite loss or gradient, naming the step, and leaves the weights alone. */
class NonFiniteLossTest {
    private static final int[] PATCH = {8, 8, 8};
    private static final List<PreprocessedCase> CASES = TrainFixtures.boxCases("c", 2, new int[] {10, 10, 10}, 3, 5);

    @TempDir
    Path dir;

    private TrainConfig config() {
        return TrainConfig.builder(PATCH, dir).epochs(2).iterationsPerEpoch(4).validationBatches(1).batchSize(2)
                .loaderThreads(1).torchThreads(1).progressBar(false).augmentations(Augmentations.none()).build();
    }

    private static TinyNet net() {
        torch.manual_seed(3);
        return new TinyNet(1, 4, 3);
    }

    @Test
    void aNanLossStopsTrainingAtItsIterationBeforeTheStep() {
        TinyNet net = net();
        AtomicInteger calls = new AtomicInteger();
        // Finite for the first two steps, NaN from the third on.
        Function<Tensor, Tensor[]> forward = x -> {
            Tensor[] heads = net.forward(x);
            if (calls.getAndIncrement() >= 2) {
                heads[0] = heads[0].mul(new Scalar(Double.NaN));
            }
            return heads;
        };
        List<Tensor> before = snapshot(net);
        NonFiniteLossException e;
        try (Trainer trainer = new Trainer(config(), net, forward, CASES, CASES)) {
            e = assertThrows(NonFiniteLossException.class, trainer::fit);
        }
        assertEquals(0, e.epoch());
        assertEquals(2, e.iteration());
        assertTrue(e.getMessage().startsWith("training stopped: the loss is NaN at epoch 0, iteration 2"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve(TrainingCheckpoint.LATEST)), "no checkpoint of a failed epoch");
        assertTrue(changed(before, net), "the two good steps were applied");
    }

    @Test
    void aNanGradientWithAFiniteLossStopsTrainingAndChangesNoWeight() {
        TinyNet net = net();
        Tensor anyWeight = net.parameters().get(0);
        // sqrt(0·w) is 0 going forward, but its gradient is 0/0: the loss stays finite, the gradient does not.
        Function<Tensor, Tensor[]> forward = x -> {
            Tensor[] heads = net.forward(x);
            heads[0] = heads[0].add(anyWeight.sum().mul(new Scalar(0.0)).sqrt());
            return heads;
        };
        List<Tensor> before = snapshot(net);
        NonFiniteLossException e;
        try (Trainer trainer = new Trainer(config(), net, forward, CASES, CASES)) {
            e = assertThrows(NonFiniteLossException.class, () -> trainer.trainIterations(0, 0, 3));
        }
        assertEquals(0, e.iteration());
        assertTrue(e.getMessage().contains("the gradient norm is NaN"), e.getMessage());
        assertFalse(changed(before, net), "no weight may change");
    }

    /** The trainable parameters (batch-norm statistics change in every forward pass, so they are left out). */
    private static List<Tensor> snapshot(TinyNet net) {
        List<Tensor> copy = new ArrayList<>();
        TensorVector parameters = net.parameters();
        for (long i = 0; i < parameters.size(); i++) {
            copy.add(parameters.get(i).detach().clone());
        }
        return copy;
    }

    private static boolean changed(List<Tensor> before, TinyNet net) {
        TensorVector now = net.parameters();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equal(now.get(i))) {
                return true;
            }
        }
        return false;
    }
}
