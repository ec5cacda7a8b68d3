package org.voxarch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local workers of a data-parallel run, as torchrun starts them: one JVM per worker running {@code voxarch
 * <command>} with the same Java options and class path as this one and torchrun's environment, their output
 * collected line by line with a {@code [rank N]} prefix. If one exits with a failure, the others are stopped; if
 * this process is stopped (Ctrl-C, SIGTERM), so are they.
 */
final class WorkerProcesses {
    private static final long POLL_MILLIS = 200;
    private static final long STOP_GRACE_SECONDS = 10;

    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ranks = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();

    /**
     * Starts the workers of this machine.
     *
     * @param environments one environment (added to this process's) per worker, with its {@code RANK}
     */
    static WorkerProcesses start(List<String> command, List<Map<String, String>> environments) throws IOException {
        WorkerProcesses workers = new WorkerProcesses();
        try {
            for (Map<String, String> env : environments) {
                workers.startOne(command, env);
            }
        } catch (IOException | RuntimeException e) {
            workers.stopAll();
            throw e;
        }
        return workers;
    }

    private void startOne(List<String> command, Map<String, String> env) throws IOException {
        List<String> line = new ArrayList<>();
        line.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A debugger agent would make every worker listen on the same port.
            if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp")) {
                line.add(option);
            }
        }
        line.add("-cp");
        line.add(System.getProperty("java.class.path"));
        line.add(Main.class.getName());
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line);
        builder.environment().putAll(env);
        Process p = builder.start();
        int rank = Integer.parseInt(env.get("RANK"));
        processes.add(p);
        ranks.add(rank);
        pumps.add(pump(p.getInputStream(), System.out, rank));
        pumps.add(pump(p.getErrorStream(), System.err, rank));
    }

    private static Thread pump(InputStream from, PrintStream to, int rank) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                String s;
                while ((s = r.readLine()) != null) {
                    synchronized (WorkerProcesses.class) {
                        to.println("[rank " + rank + "] " + s);
                    }
                }
            } catch (IOException e) {
                // The worker is gone; its exit code tells what happened.
            }
        }, "voxarch-launch-output-" + rank);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Waits until every worker has finished, or one has failed (then stops the others).
     *
     * @return 0 if every worker succeeded, else the exit code of the first that failed
     */
    int await() throws InterruptedException {
        Thread stopper = new Thread(this::stopAll, "voxarch-launch-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            while (true) {
                boolean allDone = true;
                for (int i = 0; i < processes.size(); i++) {
                    Process p = processes.get(i);
                    if (p.isAlive()) {
                        allDone = false;
                    } else if (p.exitValue() != 0) {
                        drainOutput();
                        System.err.printf("voxarch launch: worker rank %d (pid %d) exited with code %d; stopping "
                                + "the other workers%n", ranks.get(i), p.pid(), p.exitValue());
                        stopAll();
                        return p.exitValue();
                    }
                }
                if (allDone) {
                    drainOutput();
                    return 0;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs.
            }
        }
    }

    /** SIGTERM to every worker still running, then SIGKILL to those still there after a grace period. */
    void stopAll() {
        processes.stream().filter(Process::isAlive).forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_GRACE_SECONDS);
        for (Process p : processes) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drainOutput() throws InterruptedException {
        for (Thread t : pumps) {
            t.join(TimeUnit.SECONDS.toMillis(2));
        }
    }
}
