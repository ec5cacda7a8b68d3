package org.voxarch.runtime.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.stream.Stream;

/**
 * Replaces a file so that it is always either the old or the complete new version: the content is written to a
 * hidden temporary file beside the target (same file system), flushed to disk, and renamed over the target in one
 * atomic step. A crash or an exception at any point leaves the previous file untouched and no temporary file behind
 * (short of the process being killed between writing and cleaning up, which leaves only a hidden {@code .*.tmp}).
 * Every file this project writes for a user (weights, checkpoints, NIfTI, logs, reports) goes through here.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_ATTEMPTS = 100;
    private static final int BUFFER_BYTES = 1 << 16;

    private AtomicFiles() {
    }

    /** Writes the new content to the given temporary path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    /** Writes the new content on a stream, which the caller buffers and closes. */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically, creating its parent directories. */
    public static void write(Path target, Writer writer) throws IOException {
        write(target, writer, () -> { });
    }

    /** As {@link #write(Path, Writer)}, with the content produced on a buffered stream. */
    public static void writeStream(Path target, StreamWriter writer) throws IOException {
        write(target, temporary -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), BUFFER_BYTES)) {
                writer.writeTo(out);
            }
        });
    }

    /** Writes a UTF-8 text file atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, temporary -> Files.writeString(temporary, text, StandardCharsets.UTF_8));
    }

    /**
     * @param beforeMove runs after the temporary file is complete and before it replaces the target (tests use it to
     *                   simulate a crash at the last moment)
     */
    public static void write(Path target, Writer writer, Runnable beforeMove) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = createTemporary(directory, absolute.getFileName().toString());
        try {
            writer.writeTo(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            beforeMove.run();
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(directory);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Deletes the hidden temporaries a killed writer of {@code target} left beside it. Call it only for a target
     * this process alone writes (a second writer's temporary in progress would be deleted too).
     */
    public static void removeStaleTemporaries(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        String prefix = "." + absolute.getFileName() + ".";
        if (!Files.isDirectory(absolute.getParent())) {
            return;
        }
        try (Stream<Path> siblings = Files.list(absolute.getParent())) {
            for (Path p : siblings.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp") && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * A new empty file beside the target. Not {@code Files.createTempFile}: its owner-only permissions would end up
     * on the target, while a plain new file gets the usual ones (umask).
     */
    private static Path createTemporary(Path directory, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = directory.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory, and then this is skipped. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // The rename has happened; only its durability across a power cut is left to the OS.
        }
    }
}
