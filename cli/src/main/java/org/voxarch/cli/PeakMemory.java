package org.voxarch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much memory one piece of work needs at its peak: the process's peak resident size (VmHWM) above its size
 * before, with the peak reset first through {@code /proc/self/clear_refs} (Linux). Meaningful only when freed memory
 * goes back to the system (glibc with a fixed mmap threshold): otherwise memory a previous run freed but kept is
 * reused unseen.
 */
final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakMemory() {
    }

    /** @return bytes above the resident size before {@code work}, or -1 where this cannot be measured */
    static long of(Runnable work) {
        long before = field("VmRSS:");
        try {
            Files.writeString(CLEAR_REFS, "5"); // resets VmHWM to the current resident size
        } catch (IOException | UnsupportedOperationException e) {
            work.run();
            return -1;
        }
        work.run();
        long peak = field("VmHWM:");
        return before < 0 || peak < 0 ? -1 : Math.max(0, peak - before);
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
