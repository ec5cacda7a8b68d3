package org.voxarch.tests.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Runs one fuzz input's work on a thread of its own and stops it when it allocates or computes too much: the
 * oracles' guard against runaways and hangs. CPU time rather than wall time, because the machine may be shared with
 * other builds; wall time only as a last resort (ten times the CPU limit).
 */
final class WatchedThread {
    private WatchedThread() {
    }

    /** Runs {@code work}; returns why it was stopped, or null when it finished within the limits. */
    @SuppressWarnings("deprecation")
    static String run(Runnable work, String name, long cpuLimitMs, long allocationLimit) {
        Thread worker = new Thread(work, name);
        worker.setDaemon(true);
        worker.start();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long limit = cpuLimitMs * 1_000_000;
        long deadline = System.nanoTime() + 10 * limit;
        String stopped = null;
        try {
            while (worker.isAlive() && stopped == null) {
                worker.join(20);
                if (threads.getThreadAllocatedBytes(worker.getId()) > allocationLimit) {
                    stopped = "allocated over " + (allocationLimit >> 20) + " MB";
                } else if (threads.getThreadCpuTime(worker.getId()) > limit || System.nanoTime() > deadline) {
                    stopped = "hangs: no answer within " + cpuLimitMs + " ms of CPU time";
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = "interrupted";
        }
        if (stopped != null) {
            // A runaway input must not keep a core busy for the rest of the run.
            worker.stop();
        }
        return stopped;
    }
}
