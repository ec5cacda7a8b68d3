package org.voxarch.runtime.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old or the complete new content, never a partial one: the content
 * goes to a temporary file in the same directory (so the rename stays on one file system), which then atomically
 * replaces the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content of a file given its (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
        try {
            writer.writeTo(temporary);
            readableByAll(temporary);
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Temporary files are created owner-only; results should have the usual rw-r--r--. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows and other non-POSIX file systems keep their defaults.
        }
    }
}
