package org.voxarch.runtime.distributed;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Supplier;

import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.Backend;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;
import org.bytedeco.pytorch.nccl.ProcessGroupNCCL;

/**
 * The workers of a data-parallel run, joined through libtorch's c10d: a {@code TCPStore} served by rank 0 for the
 * rendezvous, and a Gloo (CPU tensors) or NCCL (CUDA tensors) process group for the collectives. Built with the
 * store + rank + size + options constructors, the ones that work from Java (javacpp-presets#1678 crashes with the
 * others). A failed collective (a worker died or became unreachable) surfaces as {@link CollectiveException}.
 */
public final class WorkerGroup implements AutoCloseable {
    /** The c10d backend. */
    public enum Kind {
        /** CPU tensors, TCP. */
        GLOO,
        /** CUDA tensors; needs the {@code -gpu} build of the presets and NCCL on the host (untested here). */
        NCCL
    }

    private final WorkerSettings settings;
    private final Kind kind;
    private final Store store;
    private final Backend backend;

    private WorkerGroup(WorkerSettings settings, Kind kind, Store store, Backend backend) {
        this.settings = settings;
        this.kind = kind;
        this.store = store;
        this.backend = backend;
    }

    /**
     * Joins the group: blocks until every worker has reached the store (at most the settings' timeout).
     *
     * @throws CollectiveException if the rendezvous fails
     */
    public static WorkerGroup join(WorkerSettings settings, Kind kind) {
        Milliseconds timeout = new Milliseconds(settings.timeoutSeconds() * 1000L);
        try {
            TCPStoreOptions options = new TCPStoreOptions();
            options.port((short) settings.masterPort());
            options.isServer(settings.rank() == 0);
            options.numWorkers(new SizeTPointer(1).put(settings.worldSize()));
            options.waitWorkers(true);
            options.timeout(timeout);
            Store store = new TCPStore(settings.masterAddress(), options);
            Backend backend = switch (kind) {
                case GLOO -> gloo(store, settings, timeout);
                case NCCL -> nccl(store, settings, timeout);
            };
            return new WorkerGroup(settings, kind, store, backend);
        } catch (RuntimeException e) {
            throw new CollectiveException("rank " + settings.rank() + " of " + settings.worldSize()
                    + " could not join the group at " + settings.masterAddress() + ":" + settings.masterPort()
                    + " within " + settings.timeoutSeconds() + " s: " + e.getMessage(), e);
        }
    }

    private static Backend gloo(Store store, WorkerSettings settings, Milliseconds timeout) {
        ProcessGroupGloo.Options options = ProcessGroupGloo.Options.create();
        options.timeout(timeout);
        options.devices().push_back(glooDevice(settings.masterAddress()));
        return new ProcessGroupGloo(store, settings.rank(), settings.worldSize(), options);
    }

    /**
     * The interface Gloo listens on: loopback when the whole run is on this machine's loopback, else the one named by
     * {@code GLOO_SOCKET_IFNAME}, else the one this machine's host name resolves to (as PyTorch does).
     */
    private static org.bytedeco.pytorch.gloo.Device glooDevice(String masterAddress) {
        String iface = System.getenv("GLOO_SOCKET_IFNAME");
        if (iface != null && !iface.isBlank()) {
            return ProcessGroupGloo.createDeviceForInterface(iface);
        }
        if (isLoopback(masterAddress)) {
            return ProcessGroupGloo.createDeviceForHostname("127.0.0.1");
        }
        return ProcessGroupGloo.createDefaultDevice();
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Backend nccl(Store store, WorkerSettings settings, Milliseconds timeout) {
        ProcessGroupNCCL.Options options = ProcessGroupNCCL.Options.create();
        options.timeout(timeout);
        return new ProcessGroupNCCL(store, settings.rank(), settings.worldSize(), options);
    }

    /** @return this worker's settings */
    public WorkerSettings settings() {
        return settings;
    }

    /** @return the backend, e.g. for the start-up message */
    public Kind kind() {
        return kind;
    }

    /** Sums {@code tensors} over the workers in place, one asynchronous all-reduce each, then waits for all. */
    public void allReduceSum(List<Tensor> tensors) {
        run("all-reduce", () -> {
            Work[] works = new Work[tensors.size()];
            for (int i = 0; i < works.length; i++) {
                works[i] = backend.allreduce(new TensorVector(tensors.get(i)));
            }
            for (Work w : works) {
                w._wait();
            }
            return null;
        });
    }

    /** Starts summing {@code tensor} over the workers in place; {@link #await} the result before reading it. */
    Work startAllReduceSum(Tensor tensor) {
        return run("all-reduce", () -> backend.allreduce(new TensorVector(tensor)));
    }

    /** Waits for a collective started here. */
    void await(Work work) {
        run("all-reduce", () -> work._wait());
    }

    /** Overwrites {@code tensor} on every worker with rank 0's. */
    public void broadcastFromFirst(Tensor tensor) {
        run("broadcast", () -> {
            BroadcastOptions options = new BroadcastOptions();
            options.rootRank(0);
            backend.broadcast(new TensorVector(tensor), options)._wait();
            return null;
        });
    }

    /** Waits until every worker has called it. */
    public void barrier() {
        run("barrier", () -> backend.barrier()._wait());
    }

    /** Marks {@code key} as done for the workers that {@link #awaitAnnouncement} it (through the store). */
    public void announce(String key) {
        run("announcement", () -> store.add(key, 1));
    }

    /**
     * Waits, without a time limit, until some worker has {@link #announce}d {@code key} (e.g. rank 0's preprocessing,
     * which can take longer than any collective's timeout); fails if the store (rank 0) goes away.
     */
    public void awaitAnnouncement(String key) {
        run("waiting for " + key, () -> {
            while (store.add(key, 0) == 0) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + key, e);
                }
            }
            return null;
        });
    }

    private <T> T run(String what, Supplier<T> collective) {
        try {
            return collective.get();
        } catch (RuntimeException e) {
            throw new CollectiveException(what + " failed on rank " + settings.rank() + " of "
                    + settings.worldSize() + " (another worker has stopped or cannot be reached): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        backend.close();
        store.close();
    }
}
