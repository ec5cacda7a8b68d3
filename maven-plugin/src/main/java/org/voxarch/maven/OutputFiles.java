package org.voxarch.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes generated files whole: through a temporary file and a rename, and not at all when nothing changed. */
final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * Writes {@code content} to {@code target} unless the file already holds exactly that, so that an unchanged
     * output keeps its time stamp (and the compiler's incremental build sees nothing new).
     *
     * @return true when the file was written
     */
    static boolean writeIfChanged(Path target, String content) throws IOException {
        if (Files.isRegularFile(target) && Files.readString(target, StandardCharsets.UTF_8).equals(content)) {
            return false;
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            moveInto(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        return true;
    }

    /** Renames {@code temp} over {@code target}, atomically where the file system can. */
    static void moveInto(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
