package org.voxarch.compiler.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.voxarch.compiler.diag.SourceFile;

/**
 * Finds spec files: {@code std/...} imports come from the standard library shipped in the compiler jar, anything
 * else is resolved relative to the importing file (on disk, or inside the jar for bundled specs).
 */
public final class SourceLoader {
    static final String STDLIB_ROOT = "org/voxarch/stdlib/";

    private SourceLoader() {
    }

    /** Reads a file from disk, shown in diagnostics under the path as given. */
    public static SourceFile fromDisk(Path file) throws IOException {
        return new SourceFile(display(file), Files.readString(file, StandardCharsets.UTF_8), file);
    }

    /** Reads a file from disk, shown in diagnostics under {@code displayPath} (e.g. relative to a source root). */
    public static SourceFile fromDisk(Path file, String displayPath) throws IOException {
        return new SourceFile(displayPath, Files.readString(file, StandardCharsets.UTF_8), file);
    }

    /** Reads a spec that ships on the class path, for example {@code voxarch/models/unetrpp/networks.arch}. */
    public static SourceFile fromClasspath(String resource) throws IOException {
        try (InputStream in = SourceLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no such resource: " + resource);
            }
            return new SourceFile(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Resolves an import written in {@code from}. Returns null when it cannot be found. */
    public static SourceFile resolve(String importPath, SourceFile from) {
        try {
            if (importPath.startsWith("std/")) {
                return fromClasspath(STDLIB_ROOT + importPath.substring(4));
            }
            String base = from.displayPath();
            int slash = base.lastIndexOf('/');
            String shown = Path.of(slash < 0 ? importPath : base.substring(0, slash + 1) + importPath).normalize()
                    .toString().replace('\\', '/');
            if (from.location() != null) {
                Path parent = from.location().toAbsolutePath().getParent();
                Path onDisk = parent.resolve(importPath).normalize();
                if (Files.isRegularFile(onDisk)) {
                    return fromDisk(onDisk, shown);
                }
                return null;
            }
            return fromClasspath(shown);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        String shown = abs.startsWith(cwd) ? cwd.relativize(abs).toString() : file.toString();
        return shown.replace('\\', '/');
    }
}
