package org.voxarch.runtime.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that readers see either the previous content or the complete new one, never a half-written file:
 * the content goes to a hidden temporary file in the target's directory (same file system), which then replaces
 * the target with an atomic move. If writing fails, the temporary file is deleted and the target is untouched.
 */
public final class AtomicWrite {
    private static final int BUFFER_BYTES = 1 << 16;

    private AtomicWrite() {
    }

    /** Produces a file's content on a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content; the stream is buffered and closed by the caller. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically, creating its parent directories.
     *
     * @throws IOException from the content or the file system; the target is then unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), BUFFER_BYTES)) {
                content.writeTo(out);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes a UTF-8 text file atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
