package org.voxarch.cli;

import java.util.concurrent.Callable;
import org.voxarch.runtime.distributed.ProcessGroupDataParallel;
import org.voxarch.runtime.distributed.WorkerGroup;
import org.voxarch.runtime.distributed.WorkerSettings;
import org.voxarch.runtime.train.DataParallel;

/**
 * This process's part in training: alone, or one worker of a data-parallel run joined over c10d (Gloo; training
 * runs on the CPU, so NCCL is never chosen here). Says at start which it is.
 */
final class DistributedWorkers implements AutoCloseable {
    private static final String PREPARED = "voxarch/prepared";

    private final WorkerGroup group;
    private final DataParallel parallel;

    private DistributedWorkers(WorkerGroup group, DataParallel parallel) {
        this.group = group;
        this.parallel = parallel;
    }

    static DistributedWorkers start(DistributedOptions options) {
        WorkerSettings settings = options.settings(System.getenv());
        if (settings == null || !settings.distributed()) {
            return new DistributedWorkers(null, DataParallel.SINGLE);
        }
        WorkerGroup group = WorkerGroup.join(settings, WorkerGroup.Kind.GLOO);
        if (settings.rank() == 0) {
            System.out.printf("data-parallel training: %d workers, backend %s (c10d), rendezvous tcp://%s:%d%n",
                    settings.worldSize(), group.kind().name().toLowerCase(java.util.Locale.ROOT),
                    settings.masterAddress(), settings.masterPort());
        }
        return new DistributedWorkers(group, new ProcessGroupDataParallel(group, options.verifyReplicas,
                options.syncBatchNorm, System.out::println));
    }

    /**
     * @param alone the libtorch threads of a process alone on this machine
     * @return that, shared by the {@code LOCAL_WORLD_SIZE} workers {@code voxarch launch} (or torchrun) started here
     */
    static int threadsPerWorker(int alone) {
        String local = System.getenv("LOCAL_WORLD_SIZE");
        try {
            return local == null ? alone : Math.max(1, alone / Math.max(1, Integer.parseInt(local.trim())));
        } catch (NumberFormatException e) {
            return alone;
        }
    }

    /** @return the number of workers (1 alone) */
    int worldSize() {
        return parallel.shard().worldSize();
    }

    /** @return true on the worker that writes the run folder and prints the log */
    boolean writesOutput() {
        return parallel.writesOutput();
    }

    DataParallel dataParallel() {
        return parallel;
    }

    /**
     * Runs {@code work} on rank 0 first, then on the others (so that they find its files, e.g. the preprocessed
     * cases, instead of writing the same files at the same time).
     */
    <T> T firstThenOthers(Callable<T> work) throws Exception {
        if (group == null) {
            return work.call();
        }
        if (writesOutput()) {
            T result = work.call();
            group.announce(PREPARED);
            return result;
        }
        group.awaitAnnouncement(PREPARED);
        return work.call();
    }

    /**
     * Fails on every worker unless all of them hold the same {@code value} (e.g. the epoch they resumed from).
     *
     * @param hint what to do about it
     */
    void requireAgreement(String what, long value, String hint) {
        double[] sums = parallel.sum(new double[] {value, (double) value * value});
        // Equal values are the only ones whose squared sum is n times the sum of squares.
        if (sums[0] * sums[0] != worldSize() * sums[1]) {
            throw new UserError("the workers disagree on " + what + " (this one has " + value + "); " + hint);
        }
    }

    @Override
    public void close() {
        if (group != null) {
            group.close();
        }
    }
}
