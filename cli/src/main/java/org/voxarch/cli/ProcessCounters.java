package org.voxarch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's CPU time and minor page faults from {@code /proc/self/stat} (Linux; zeros elsewhere). On a shared
 * machine wall time swings with the neighbours' load; CPU seconds and page faults (each one a fresh zeroed page
 * from the kernel) say more about what the benchmark itself did.
 */
record ProcessCounters(long minorFaults, double userSeconds, double systemSeconds) {
    /** Clock ticks per second of the utime/stime fields; 100 on every Linux configuration in use. */
    private static final double TICKS = 100.0;

    static ProcessCounters read() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new ProcessCounters(Long.parseLong(f[7]), Long.parseLong(f[11]) / TICKS,
                    Long.parseLong(f[12]) / TICKS);
        } catch (IOException | RuntimeException e) {
            return new ProcessCounters(0, 0, 0);
        }
    }

    ProcessCounters minus(ProcessCounters earlier) {
        return new ProcessCounters(minorFaults - earlier.minorFaults, userSeconds - earlier.userSeconds,
                systemSeconds - earlier.systemSeconds);
    }
}
