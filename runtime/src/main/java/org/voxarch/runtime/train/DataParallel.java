package org.voxarch.runtime.train;

import org.bytedeco.pytorch.TensorVector;
import org.voxarch.runtime.nn.ArchModule;

/**
 * What the trainer asks of data-parallel training (one process per rank, each holding a replica of the network):
 * the same weights to start from, averaged gradients after every backward pass, and sums of validation figures.
 * {@link #SINGLE} is one process, where each of these does nothing. Implementations: {@code
 * org.voxarch.runtime.distributed.ProcessGroupDataParallel}.
 */
public interface DataParallel {
    /** One process: nothing to synchronise. */
    DataParallel SINGLE = new DataParallel() {
        @Override
        public BatchShard shard() {
            return BatchShard.WHOLE;
        }

        @Override
        public void broadcastFromFirst(ArchModule network) {
        }

        @Override
        public void averageGradients(TensorVector parameters) {
        }

        @Override
        public double[] sum(double[] values) {
            return values.clone();
        }
    };

    /** @return this process's rank and the number of ranks */
    BatchShard shard();

    /** @return true on the rank that writes checkpoints, weights and logs (rank 0) */
    default boolean writesOutput() {
        return shard().rank() == 0;
    }

    /** Copies rank 0's parameters and buffers to every rank (called before training starts or resumes). */
    void broadcastFromFirst(ArchModule network);

    /** Replaces each defined gradient by its mean over the ranks (called after backward, before clipping). */
    void averageGradients(TensorVector parameters);

    /** Called after every optimizer step (e.g. to check that the replicas still agree); nothing by default. */
    default void afterStep(TensorVector parameters) {
    }

    /** @return the element-wise sums of {@code values} over the ranks, the same on every rank */
    double[] sum(double[] values);

    /** Called at the end of every epoch on every rank, e.g. to report communication time; nothing by default. */
    default void epochEnded(int epoch) {
    }
}
