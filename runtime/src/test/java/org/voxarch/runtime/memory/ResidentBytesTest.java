package org.voxarch.runtime.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

class ResidentBytesTest {
    private static final long BLOCK = 64L << 20;

    @Test
    void theResidentSetFollowsANativeBlockAndThePeakRestartsAfterAReset() {
        assumeTrue(Files.exists(Path.of("/proc/self/statm")), "Linux only");
        long before = ResidentBytes.now();
        // glibc serves a block this large with its own mmap() and unmaps it on free (when MALLOC_MMAP_MAX_ allows).
        assumeTrue(!"0".equals(System.getenv("MALLOC_MMAP_MAX_")), "an allocator that returns large blocks");
        Pointer block = Pointer.malloc(BLOCK);
        Pointer.memset(block, 1, BLOCK);
        long touched = ResidentBytes.now();
        assertTrue(touched - before > BLOCK / 2, "64 MiB touched, resident set grew by " + (touched - before));
        Pointer.free(block);
        long freed = ResidentBytes.now();
        assertTrue(touched - freed > BLOCK / 2, "64 MiB freed, resident set shrank by " + (touched - freed));
        long oldPeak = ResidentBytes.peak();
        assertTrue(oldPeak > touched - BLOCK / 8, "peak " + oldPeak + " against the touched " + touched);
        ResidentBytes.resetPeak();
        long peak = ResidentBytes.peak();
        assertTrue(peak < touched - BLOCK / 2, "after a reset the peak " + peak + " is below the old one " + touched);
    }
}
