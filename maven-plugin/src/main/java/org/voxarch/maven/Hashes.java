package org.voxarch.maven;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** SHA-256 fingerprints of texts, files and code, as hex strings. */
final class Hashes {
    private Hashes() {
    }

    static String of(String text) {
        return hex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String of(byte[] bytes) {
        return hex(digest().digest(bytes));
    }

    /** The fingerprint of a file's content, or null when it cannot be read. */
    static String ofFile(Path file) {
        try {
            return of(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The fingerprint of the code a class was loaded from: the names and contents of its jar's entries (not their
     * time stamps, so a rebuilt but identical jar keeps it), or of every file of its class folder (a reactor build
     * that has not packaged it yet). Changes whenever the compiler changes, even within one SNAPSHOT version.
     */
    static String ofCodeOf(Class<?> type) throws IOException {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown";
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return of(source.getLocation().toString());
        }
        MessageDigest all = digest();
        if (Files.isRegularFile(location)) {
            try (ZipFile jar = new ZipFile(location.toFile())) {
                for (ZipEntry e : jar.stream().sorted(Comparator.comparing(ZipEntry::getName)).toList()) {
                    all.update(e.getName().getBytes(StandardCharsets.UTF_8));
                    try (InputStream in = jar.getInputStream(e)) {
                        all.update(in.readAllBytes());
                    }
                }
            }
            return hex(all.digest());
        }
        try (Stream<Path> walk = Files.walk(location)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                all.update(location.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                all.update(Files.readAllBytes(f));
            }
        }
        return hex(all.digest());
    }

    /** The fingerprint of several values taken together (order matters). */
    static String ofAll(List<String> parts) {
        return of(String.join("\u0000", parts));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
