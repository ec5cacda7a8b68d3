package org.voxarch.runtime.distributed;

import java.util.Map;

/**
 * Where one worker of a data-parallel run stands: its rank among {@code worldSize} workers, its rank on its machine,
 * and the rendezvous address (the {@code TCPStore} that rank 0 serves). The names and meanings of torchrun's
 * environment ({@code RANK}, {@code WORLD_SIZE}, {@code LOCAL_RANK}, {@code MASTER_ADDR}, {@code MASTER_PORT}).
 *
 * @param rank           0 .. worldSize−1; rank 0 serves the store and writes the outputs
 * @param worldSize      the number of workers on all machines
 * @param localRank      the rank among the workers of this machine
 * @param masterAddress  host name or address of rank 0's machine, reachable from every worker
 * @param masterPort     TCP port of the rendezvous store on it
 * @param timeoutSeconds how long rendezvous and each collective may wait for the other workers
 */
public record WorkerSettings(int rank, int worldSize, int localRank, String masterAddress, int masterPort,
                             int timeoutSeconds) {
    /** torchrun's default port. */
    public static final int DEFAULT_PORT = 29500;
    /** Rendezvous and collectives give up after this long by default (a dead peer usually fails them sooner). */
    public static final int DEFAULT_TIMEOUT_SECONDS = 300;

    public WorkerSettings {
        if (worldSize < 1) {
            throw new IllegalArgumentException("the world size must be at least 1, got " + worldSize);
        }
        if (rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("rank " + rank + " is outside 0.." + (worldSize - 1));
        }
        if (localRank < 0 || localRank > rank) {
            throw new IllegalArgumentException("local rank " + localRank + " is outside 0.." + rank);
        }
        if (masterAddress == null || masterAddress.isBlank()) {
            throw new IllegalArgumentException("no master address");
        }
        if (masterPort < 1 || masterPort > 65535) {
            throw new IllegalArgumentException("master port " + masterPort + " is outside 1..65535");
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("the timeout must be at least 1 s, got " + timeoutSeconds);
        }
    }

    /** @return true for more than one worker */
    public boolean distributed() {
        return worldSize > 1;
    }

    /**
     * The settings torchrun (or {@code voxarch launch}) passes in the environment, or null when {@code WORLD_SIZE}
     * is not set (one process).
     *
     * @throws IllegalArgumentException naming the variable if one is missing or not a number
     */
    public static WorkerSettings fromEnvironment(Map<String, String> env, int timeoutSeconds) {
        if (env.get("WORLD_SIZE") == null) {
            return null;
        }
        int world = number(env, "WORLD_SIZE", null);
        int rank = number(env, "RANK", null);
        int localRank = number(env, "LOCAL_RANK", Integer.toString(rank));
        String address = env.getOrDefault("MASTER_ADDR", "127.0.0.1");
        int port = number(env, "MASTER_PORT", Integer.toString(DEFAULT_PORT));
        return new WorkerSettings(rank, world, localRank, address, port, timeoutSeconds);
    }

    private static int number(Map<String, String> env, String name, String fallback) {
        String value = env.getOrDefault(name, fallback);
        if (value == null) {
            throw new IllegalArgumentException("WORLD_SIZE is set but " + name + " is not");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("environment variable " + name + "=" + value + " is not a number");
        }
    }
}
