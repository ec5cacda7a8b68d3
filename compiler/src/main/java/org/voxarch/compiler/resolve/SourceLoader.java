package org.voxarch.compiler.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.voxarch.compiler.diag.SourceFile;

/**
 * Finds spec files: {@code std/...} imports come from the standard library shipped in the compiler jar, anything
 * else is resolved relative to the importing file (on disk, or inside the jar for bundled specs) and, when it is not
 * there, by its resource path on the thread's context class path (specs shipped in a jar, such as voxarch-models).
 */
public final class SourceLoader {
    static final String STDLIB_ROOT = "org/voxarch/stdlib/";
    private static final List<String> STDLIB_FILES = List.of("std/layers.arch");

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
        return fromClasspath(resource, resource);
    }

    private static SourceFile fromClasspath(String resource, String displayPath) throws IOException {
        try (InputStream in = SourceLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no such resource: " + resource);
            }
            return new SourceFile(displayPath, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Resolves an import written in {@code from}. Returns null when it cannot be found. */
    public static SourceFile resolve(String importPath, SourceFile from) {
        try {
            if (importPath.startsWith("std/")) {
                // Shown as imported, not under its place in the jar.
                return fromClasspath(STDLIB_ROOT + importPath.substring(4), importPath);
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
                return fromContextClasspath(importPath, importPath);
            }
            try {
                return fromClasspath(shown);
            } catch (IOException notBesideIt) {
                return fromContextClasspath(shown, shown);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The fallback for an import that is not beside the importing file: a spec on the class path of the thread's
     * context class loader, named by its resource path, e.g. {@code import "voxarch/models/unetrpp/blocks.arch"}
     * when voxarch-models is on a build plugin's class path. Paths written relative ({@code ./}, {@code ../}) or
     * absolute are not looked up. Returns null when there is no such resource.
     */
    private static SourceFile fromContextClasspath(String resource, String displayPath) throws IOException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null || resource.startsWith(".") || resource.startsWith("/") || !resource.endsWith(".arch")) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null
                    : new SourceFile(displayPath, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Spec files an import written in {@code from} could have meant, as import paths. */
    public static List<String> importable(SourceFile from) {
        List<String> names = new ArrayList<>(STDLIB_FILES);
        if (from.location() != null) {
            Path parent = from.location().toAbsolutePath().getParent();
            try (Stream<Path> files = Files.list(parent)) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".arch")).sorted()
                        .forEach(names::add);
            } catch (IOException | RuntimeException e) {
                // No suggestions then.
            }
        }
        return names;
    }

    private static String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        String shown = abs.startsWith(cwd) ? cwd.relativize(abs).toString() : file.toString();
        return shown.replace('\\', '/');
    }
}
