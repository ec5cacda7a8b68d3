package org.voxarch.runtime.distributed;

import java.util.List;

import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.nn.ReplicaSum;

/** Sums over the workers of a {@link WorkerGroup}, for synchronised batch norm; counts the time it waits. */
final class GroupReplicaSum implements ReplicaSum {
    private final WorkerGroup group;
    private RuntimeException backwardFailure;
    private long nanos;
    private int calls;

    GroupReplicaSum(WorkerGroup group) {
        this.group = group;
    }

    @Override
    public void sumInPlace(Tensor tensor) {
        long start = System.nanoTime();
        group.allReduceSum(List.of(tensor));
        nanos += System.nanoTime() - start;
        calls++;
    }

    @Override
    public void sumInBackward(Tensor tensor) {
        if (backwardFailure != null) {
            return;
        }
        try {
            sumInPlace(tensor);
        } catch (RuntimeException e) {
            backwardFailure = e;
        }
    }

    @Override
    public void rethrowBackwardFailure() {
        RuntimeException failure = backwardFailure;
        backwardFailure = null;
        if (failure != null) {
            throw failure;
        }
    }

    /** @return seconds spent summing and the number of sums since the last call; then starts counting anew */
    double[] takeTotals() {
        double[] totals = {nanos / 1e9, calls};
        nanos = 0;
        calls = 0;
        return totals;
    }
}
