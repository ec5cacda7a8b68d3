package org.voxarch.runtime.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 over some text (a plan, a configuration) and the name, size and modification time of files: cheap to
 * compute, and it changes when a file is replaced or edited, so cached results derived from the files can be
 * trusted while it stays the same.
 */
final class SourceFingerprint {
    private SourceFingerprint() {
    }

    /** @return 64 hex digits identifying {@code text} and the current state of {@code files} */
    static String of(String text, List<Path> files) {
        MessageDigest sha = sha256();
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        for (Path f : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                String entry = "\n" + f.getFileName() + "\t" + a.size() + "\t" + a.lastModifiedTime().toMillis();
                sha.update(entry.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new DatasetException(f, "cannot be read: " + e, e);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
