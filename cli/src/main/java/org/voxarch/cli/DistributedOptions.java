package org.voxarch.cli;

import java.util.Map;
import org.voxarch.runtime.distributed.WorkerSettings;
import picocli.CommandLine.Option;

/**
 * Where this process stands in a data-parallel run: from the flags, else from torchrun's environment ({@code RANK},
 * {@code WORLD_SIZE}, {@code LOCAL_RANK}, {@code MASTER_ADDR}, {@code MASTER_PORT}) as {@code voxarch launch} sets it.
 */
final class DistributedOptions {
    @Option(names = "--rank", paramLabel = "N", description = "This worker's rank (default: $RANK, else 0).")
    Integer rank;

    @Option(names = "--world-size", paramLabel = "N",
            description = "Workers on all machines (default: $WORLD_SIZE, else 1: no data parallelism).")
    Integer worldSize;

    @Option(names = "--local-rank", paramLabel = "N", description = "Rank on this machine (default: $LOCAL_RANK).")
    Integer localRank;

    @Option(names = "--master-addr", paramLabel = "HOST",
            description = "Rank 0's host, serving the rendezvous (default: $MASTER_ADDR, else 127.0.0.1).")
    String masterAddress;

    @Option(names = "--master-port", paramLabel = "PORT",
            description = "Rendezvous port (default: $MASTER_PORT, else " + WorkerSettings.DEFAULT_PORT + ").")
    Integer masterPort;

    @Option(names = "--dist-timeout", paramLabel = "SECONDS",
            defaultValue = "" + WorkerSettings.DEFAULT_TIMEOUT_SECONDS,
            description = "How long the workers wait for each other at rendezvous and in each collective "
                    + "(default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--verify-replicas", description = {"Compare a checksum of every worker's weights after each step",
        "and stop if they differ (costs a collective per step; for tests and debugging)."})
    boolean verifyReplicas;

    @Option(names = "--sync-batchnorm", description = {
        "Batch norm over the global batch: its statistics summed over the workers in every",
        "forward and backward pass, as PyTorch's SyncBatchNorm (default: each worker's own batch,",
        "as the reference trainer; no effect in one process)."})
    boolean syncBatchNorm;

    /** @return the settings, or null for a single process */
    WorkerSettings settings(Map<String, String> environment) {
        WorkerSettings fromEnv;
        try {
            fromEnv = WorkerSettings.fromEnvironment(environment, timeoutSeconds);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (worldSize == null && fromEnv == null) {
            if (rank != null || localRank != null || masterAddress != null || masterPort != null) {
                throw new UserError("--rank, --local-rank, --master-addr and --master-port need --world-size (or "
                        + "WORLD_SIZE in the environment)");
            }
            return null;
        }
        int r = rank != null ? rank : fromEnv != null ? fromEnv.rank() : 0;
        try {
            return new WorkerSettings(r, worldSize != null ? worldSize : fromEnv.worldSize(),
                    localRank != null ? localRank : fromEnv != null && rank == null ? fromEnv.localRank() : r,
                    masterAddress != null ? masterAddress : fromEnv != null ? fromEnv.masterAddress() : "127.0.0.1",
                    masterPort != null ? masterPort : fromEnv != null ? fromEnv.masterPort()
                            : WorkerSettings.DEFAULT_PORT, timeoutSeconds);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
