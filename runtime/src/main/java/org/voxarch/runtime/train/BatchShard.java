package org.voxarch.runtime.train;

/**
 * Which part of every global batch one of {@code worldSize} data-parallel ranks loads: rank r takes the samples
 * {@code r·B .. (r+1)·B−1} of a global batch of {@code worldSize·B}. Sample positions (and so their seeds and which
 * of them are forced onto foreground) are those of the global batch.
 *
 * @param rank      this process's rank, 0-based
 * @param worldSize the number of ranks
 */
public record BatchShard(int rank, int worldSize) {
    /** The whole batch: one process. */
    public static final BatchShard WHOLE = new BatchShard(0, 1);

    public BatchShard {
        if (worldSize < 1 || rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("rank " + rank + " is not one of " + worldSize + " ranks");
        }
    }

    /**
     * @param globalBatch the batch of all ranks together
     * @return this rank's share of it
     * @throws IllegalArgumentException if the ranks cannot share it equally
     */
    public Sized ofGlobal(int globalBatch) {
        if (globalBatch < worldSize || globalBatch % worldSize != 0) {
            throw new IllegalArgumentException("a global batch of " + globalBatch + " cannot be shared equally by "
                    + worldSize + " ranks");
        }
        return of(globalBatch / worldSize);
    }

    /** @return the shard of {@code perRank} samples of this rank */
    public Sized of(int perRank) {
        return new Sized(perRank * rank, perRank, perRank * worldSize);
    }

    /**
     * @param first      the first sample of the shard in the global batch
     * @param size       the samples of the shard
     * @param globalSize the samples of the global batch
     */
    public record Sized(int first, int size, int globalSize) {
    }
}
