package org.voxarch.runtime.memory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;

/**
 * The resident set now and its peak since the last {@link #resetPeak}, cheap enough to read around every module
 * call (Linux {@code /proc/self/statm} and {@code clear_refs}; 0 elsewhere). With an allocator that returns freed
 * blocks at once ({@code VOXARCH_MALLOC=measure}: every block over 64 KiB its own {@code mmap}) the resident set
 * follows the bytes libtorch holds, so its changes say what a call kept alive.
 */
public final class ResidentBytes {
    private static final long PAGE = 4096;

    private ResidentBytes() {
    }

    /** @return the resident set in bytes, or 0 where /proc is not available */
    public static long now() {
        try (RandomAccessFile statm = new RandomAccessFile("/proc/self/statm", "r")) {
            byte[] buffer = new byte[128];
            int n = statm.read(buffer);
            String[] fields = new String(buffer, 0, Math.max(n, 0), StandardCharsets.US_ASCII).trim().split(" ");
            return Long.parseLong(fields[1]) * PAGE;
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }

    /** Starts a new peak: the next {@link #peak} is the largest resident set from now on. */
    public static void resetPeak() {
        try (RandomAccessFile refs = new RandomAccessFile("/proc/self/clear_refs", "rw")) {
            refs.write('5');
        } catch (IOException notLinux) {
            // The peak then stays the process's peak.
        }
    }

    /** @return the peak resident set (VmHWM) in bytes, or 0 where /proc is not available */
    public static long peak() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
        return 0;
    }
}
