package org.voxarch.runtime.distributed;

import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voxarch.runtime.nn.BatchNorm3d;
import org.voxarch.runtime.nn.NoGrad;

/**
 * Synchronised batch norm over two Gloo workers (two threads of this JVM, loopback), each with one sample, against
 * one batch norm over both samples: the outputs, the gradients of the inputs, weight and bias, and the running
 * statistics agree. The loss weights every output element differently, so that the gradient through the batch
 * statistics (the part that needs the backward all-reduce) is not zero.
 */
class SyncBatchNormTest {
    private static final long C = 3;

    /** What one batch norm produced for its input. */
    private record Result(Tensor output, Tensor inputGradient, Tensor weightGradient, Tensor biasGradient,
                          Tensor runningMean, Tensor runningVar) {
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void twoWorkersOfOneSampleNormaliseAsOneBatchOfTwo() throws Exception {
        manual_seed(11);
        Tensor x = randn(2, C, 3, 4, 5).mul(new Scalar(1.5)).add(new Scalar(0.7));
        Tensor lossWeights = randn(2, C, 3, 4, 5);
        Tensor scale = randn(C);
        Tensor shift = randn(C);
        Result whole = normalise(x, lossWeights, scale, shift, null);

        int port = freePort();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Result>> ranks = new ArrayList<>();
            for (int rank = 0; rank < 2; rank++) {
                int r = rank;
                ranks.add(threads.submit(() -> {
                    WorkerSettings settings = new WorkerSettings(r, 2, r, "127.0.0.1", port, 60);
                    try (WorkerGroup group = WorkerGroup.join(settings, WorkerGroup.Kind.GLOO)) {
                        return normalise(x.narrow(0, r, 1), lossWeights.narrow(0, r, 1), scale, shift,
                                new GroupReplicaSum(group));
                    }
                }));
            }
            Result first = ranks.get(0).get(90, TimeUnit.SECONDS);
            Result second = ranks.get(1).get(90, TimeUnit.SECONDS);
            for (int r = 0; r < 2; r++) {
                Result part = r == 0 ? first : second;
                assertClose("rank " + r + " output", whole.output().narrow(0, r, 1), part.output());
                assertClose("rank " + r + " input gradient", whole.inputGradient().narrow(0, r, 1),
                        part.inputGradient());
                assertClose("rank " + r + " running mean", whole.runningMean(), part.runningMean());
                assertClose("rank " + r + " running variance", whole.runningVar(), part.runningVar());
            }
            // Each rank's loss is its sample's share of the whole batch's: the parameter gradients add up.
            assertClose("weight gradient", whole.weightGradient(),
                    first.weightGradient().add(second.weightGradient()));
            assertClose("bias gradient", whole.biasGradient(), first.biasGradient().add(second.biasGradient()));
        } finally {
            threads.shutdownNow();
        }
        // Without synchronisation a single sample's statistics differ from the batch's: the check above can fail.
        Tensor alone = normalise(x.narrow(0, 0, 1), lossWeights.narrow(0, 0, 1), scale, shift, null).output();
        assertTrue(maxDifference(whole.output().narrow(0, 0, 1), alone) > 1e-2);
    }

    private static Result normalise(Tensor x, Tensor lossWeights, Tensor scale, Tensor shift, GroupReplicaSum sum) {
        BatchNorm3d bn = new BatchNorm3d(C, 1e-5, 0.1);
        NoGrad.run(() -> {
            bn.weight().copy_(scale);
            bn.bias().copy_(shift);
        });
        if (sum != null) {
            BatchNorm3d.synchroniseAll(bn, sum);
        }
        bn.train(true);
        Tensor input = x.clone().requires_grad_(true);
        Tensor y = bn.forward(input);
        y.mul(lossWeights).sum().backward();
        if (sum != null) {
            sum.rethrowBackwardFailure();
        }
        return new Result(y.detach(), input.grad(), bn.weight().grad(), bn.bias().grad(), bn.runningMean(),
                bn.runningVar());
    }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        double scale = expected.abs().max().item_double();
        double difference = maxDifference(expected, actual);
        assertTrue(difference <= 1e-5 * Math.max(1, scale), what + ": max difference " + difference);
    }

    private static double maxDifference(Tensor a, Tensor b) {
        return a.sub(b).abs().max().item_double();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
