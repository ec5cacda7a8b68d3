package org.voxarch.runtime.memory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;

/**
 * One reading of the process's memory: resident set (everything native, libtorch's allocations included), what
 * JavaCPP tracks (its resident estimate and the bytes of the native objects it owns) and the Java heap in use after
 * a collection.
 *
 * @param rssBytes          resident set size (VmRSS of /proc/self/status; JavaCPP's estimate elsewhere)
 * @param javacppBytes      native bytes held by JavaCPP-owned objects ({@link Pointer#totalBytes()})
 * @param heapBytes         Java heap in use after {@link System#gc()}
 * @param jvmNativeBytes    the JVM's own memory outside the heap (compiled code, class metadata), part of the RSS
 */
public record MemoryUse(long rssBytes, long javacppBytes, long heapBytes, long jvmNativeBytes) {

    /** Reads the figures now; collects garbage first, so that the heap figure is what is really kept. */
    public static MemoryUse now() {
        System.gc();
        var memory = ManagementFactory.getMemoryMXBean();
        return new MemoryUse(residentBytes(), Pointer.totalBytes(), memory.getHeapMemoryUsage().getUsed(),
                memory.getNonHeapMemoryUsage().getUsed());
    }

    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // Not Linux: JavaCPP's own estimate of the resident set.
        }
        return Pointer.physicalBytes();
    }
}
