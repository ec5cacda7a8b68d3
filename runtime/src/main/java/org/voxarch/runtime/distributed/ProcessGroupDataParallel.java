package org.voxarch.runtime.distributed;

import static org.bytedeco.pytorch.global.torch.empty;

import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.BatchNorm3d;
import org.voxarch.runtime.nn.NoGrad;
import org.voxarch.runtime.train.BatchShard;
import org.voxarch.runtime.train.DataParallel;

/**
 * Data-parallel training over a {@link WorkerGroup}: rank 0's parameters and buffers broadcast at the start,
 * gradients averaged in buckets, their all-reduce started by gradient hooks while backward runs ({@link
 * GradientBuckets}), validation figures summed.
 * Batch norm keeps per-process statistics (as the reference's nnU-Net DDP trainer does by default; rank 0's running
 * statistics are the ones saved), or, with {@code syncBatchNorm}, takes those of the global batch ({@link
 * BatchNorm3d#synchronise}: one more all-reduce per batch norm in forward and one in backward).
 *
 * <p>With {@code verifyReplicas}, every step ends by comparing a checksum of every rank's parameters with rank 0's
 * (an extra collective per step; for tests and debugging) and fails naming the step if they differ.
 */
public final class ProcessGroupDataParallel implements DataParallel {
    private final WorkerGroup group;
    private final BatchShard shard;
    private final GradientBuckets gradients;
    private final boolean verifyReplicas;
    private final GroupReplicaSum batchStatistics;
    private final Consumer<String> report;
    private int stepsInEpoch;
    private int stepsVerified;

    /**
     * @param syncBatchNorm  batch norm with the statistics of the global batch rather than this process's
     * @param report receives, on rank 0, how batch norm runs and one line per epoch (all-reduce time per step;
     *     replica checks)
     */
    public ProcessGroupDataParallel(WorkerGroup group, boolean verifyReplicas, boolean syncBatchNorm,
                                    Consumer<String> report) {
        this.group = group;
        this.shard = new BatchShard(group.settings().rank(), group.settings().worldSize());
        this.gradients = new GradientBuckets(group, GradientBuckets.DEFAULT_CAP_BYTES);
        this.verifyReplicas = verifyReplicas;
        this.batchStatistics = syncBatchNorm ? new GroupReplicaSum(group) : null;
        this.report = report;
    }

    @Override
    public BatchShard shard() {
        return shard;
    }

    @Override
    public void broadcastFromFirst(ArchModule network) {
        List<Tensor> state = new ArrayList<>();
        TensorVector parameters = network.parameters();
        TensorVector buffers = network.buffers();
        for (long i = 0; i < parameters.size(); i++) {
            state.add(parameters.get(i));
        }
        for (long i = 0; i < buffers.size(); i++) {
            state.add(buffers.get(i));
        }
        NoGrad.run(() -> state.forEach(group::broadcastFromFirst));
        // The handles in state point into these vectors (TensorVector.get returns a reference).
        Reference.reachabilityFence(buffers);
        gradients.attach(parameters);
        int layers = BatchNorm3d.synchroniseAll(network, batchStatistics);
        if (shard.rank() == 0 && layers > 0) {
            report.accept(String.format(Locale.ROOT, "batch norm (%d layer(s)): %s", layers,
                    batchStatistics != null ? "statistics of the global batch (synchronised over "
                            + shard.worldSize() + " workers)" : "statistics of each worker's own batch"));
        }
    }

    @Override
    public void averageGradients(TensorVector parameters) {
        if (batchStatistics != null) {
            batchStatistics.rethrowBackwardFailure();
        }
        gradients.average(parameters);
        stepsInEpoch++;
    }

    @Override
    public void afterStep(TensorVector parameters) {
        if (!verifyReplicas) {
            return;
        }
        double[] local = checksum(parameters);
        Tensor first = doubleTensor(local);
        group.broadcastFromFirst(first);
        double[] reference = doubles(first);
        for (int i = 0; i < local.length; i++) {
            if (Double.doubleToLongBits(local[i]) != Double.doubleToLongBits(reference[i])) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "the replicas differ after step %d: rank %d's parameter checksum %s is not rank 0's %s",
                        stepsVerified + 1, shard.rank(), Arrays.toString(local),
                        Arrays.toString(reference)));
            }
        }
        stepsVerified++;
    }

    /** Sum and sum of squares of every parameter, in double precision. */
    private static double[] checksum(TensorVector parameters) {
        double sum = 0;
        double squares = 0;
        for (long i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i).detach().to(ScalarType.Double);
            sum += p.sum().item_double();
            squares += p.mul(p).sum().item_double();
        }
        return new double[] {sum, squares};
    }

    @Override
    public double[] sum(double[] values) {
        Tensor t = doubleTensor(values);
        group.allReduceSum(List.of(t));
        return doubles(t);
    }

    @Override
    public void epochEnded(int epoch) {
        double[] totals = gradients.takeTotals();
        double[] statistics = batchStatistics != null ? batchStatistics.takeTotals() : null;
        if (shard.rank() == 0 && stepsInEpoch > 0) {
            report.accept(String.format(Locale.ROOT,
                    "epoch %d: gradient all-reduce wait %.1f ms per step (%.1f MB in %d bucket(s) per step, %d ranks, "
                            + "%s)%s%s",
                    epoch + 1, 1e3 * totals[0] / stepsInEpoch, totals[1] / stepsInEpoch / 1e6,
                    Math.round(totals[2] / stepsInEpoch), shard.worldSize(),
                    group.kind().name().toLowerCase(Locale.ROOT),
                    statistics == null ? "" : String.format(Locale.ROOT,
                            "; batch-norm statistics all-reduce %.1f ms per step (%d per step, forward and backward)",
                            1e3 * statistics[0] / stepsInEpoch, Math.round(statistics[1] / stepsInEpoch)),
                    verifyReplicas ? "; parameters identical on every rank after each of " + stepsVerified
                            + " steps so far" : ""));
        }
        stepsInEpoch = 0;
    }

    private static Tensor doubleTensor(double[] values) {
        Tensor t = empty(new long[] {values.length}, new TensorOptions(ScalarType.Double), new MemoryFormatOptional());
        ((DoubleBuffer) t.createBuffer()).put(values);
        return t;
    }

    private static double[] doubles(Tensor t) {
        Tensor c = t.to(ScalarType.Double).contiguous();
        double[] out = new double[(int) c.numel()];
        ((DoubleBuffer) c.createBuffer()).get(out);
        return out;
    }
}
