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
final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content of a file given its (temporary) path. */
    @FunctionalInterface
    interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
        try {
            writer.writeTo(temporary);
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
