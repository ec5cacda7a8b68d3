package org.voxarch.compiler.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.voxarch.compiler.diag.SourceFile;

/**
 * Finds spec files: {@code std/...} imports come from the standard library shipped in the compiler jar, anything
 * else is resolved relative to the importing file (on disk, inside its source root; or inside the jar for bundled
 * specs) and, when it is not there, by its resource path on the thread's context class path (specs shipped in a
 * jar, such as voxarch-models). Spec files are regular UTF-8 files of at most 5 MB.
 */
public final class SourceLoader {
    static final String STDLIB_ROOT = "org/voxarch/stdlib/";
    private static final List<String> STDLIB_FILES = List.of("std/layers.arch");

    private SourceLoader() {
    }

    /** Spec files are at most this large: checking stays quick and memory small whatever the input. */
    public static final long MAX_SPEC_BYTES = 5L << 20;

    /** A spec file that is too large, not a regular file or not UTF-8; the message says which and where. */
    public static final class UnreadableSpec extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        UnreadableSpec(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        /** @return the 1-based line of the problem, or 0 when it concerns the whole file */
        public int line() {
            return line;
        }

        /** @return the 1-based column of the problem, or 0 */
        public int column() {
            return column;
        }
    }

    /** Reads a file from disk, shown in diagnostics under the path as given; its imports stay in its folder. */
    public static SourceFile fromDisk(Path file) throws IOException {
        return new SourceFile(display(file), readSpec(file), file, file.toAbsolutePath().normalize().getParent());
    }

    /**
     * Reads a file from disk, shown in diagnostics under {@code displayPath}, its path relative to the source root
     * (a project's spec folder), which its imports stay inside.
     */
    public static SourceFile fromDisk(Path file, String displayPath) throws IOException {
        Path root = file.toAbsolutePath().normalize().getParent();
        for (int i = displayPath.indexOf('/'); i >= 0 && root != null; i = displayPath.indexOf('/', i + 1)) {
            root = root.getParent();
        }
        return new SourceFile(displayPath, readSpec(file), file, root);
    }

    private static SourceFile fromDisk(Path file, String displayPath, Path root) throws IOException {
        return new SourceFile(displayPath, readSpec(file), file, root);
    }

    /**
     * The text of a spec file: a regular file of at most {@link #MAX_SPEC_BYTES}, in UTF-8.
     *
     * @throws UnreadableSpec naming the limit, or the line and column of the first byte that is not UTF-8
     */
    static String readSpec(Path file) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new UnreadableSpec("not a regular file", 0, 0);
        }
        long size = Files.size(file);
        if (size > MAX_SPEC_BYTES) {
            throw new UnreadableSpec("is " + size + " bytes; spec files are limited to " + MAX_SPEC_BYTES
                    + " bytes (5 MB)", 0, 0);
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > MAX_SPEC_BYTES) {
            throw new UnreadableSpec("is larger than " + MAX_SPEC_BYTES + " bytes (5 MB), the limit for spec files",
                    0, 0);
        }
        return utf8(bytes);
    }

    private static String utf8(byte[] bytes) throws UnreadableSpec {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            int column = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            throw new UnreadableSpec(String.format("is not UTF-8: byte 0x%02X at line %d, column %d cannot be"
                    + " decoded (save the file as UTF-8)", bytes[at] & 0xFF, line, column), line, column);
        }
        decoder.flush(out);
        return out.flip().toString();
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

    /**
     * Where an import leads: its file, or why it may not or cannot be read ({@code problem}), or neither when
     * nothing of that name exists.
     */
    public record Located(SourceFile source, String problem) {
    }

    /** Resolves an import written in {@code from}. Returns null when it cannot be found or may not be read. */
    public static SourceFile resolve(String importPath, SourceFile from) {
        return locate(importPath, from).source();
    }

    /**
     * Resolves an import written in {@code from}: {@code std/...} from the standard library; else inside the
     * importing file's source root (no absolute paths, no {@code ..} out of it, no links leading out, only regular
     * {@code .arch} files, so a diagnostic never shows the lines of a file that is not a spec); else on the class
     * path.
     */
    public static Located locate(String importPath, SourceFile from) {
        try {
            if (importPath.startsWith("std/")) {
                // Shown as imported, not under its place in the jar.
                return found(fromClasspath(STDLIB_ROOT + importPath.substring(4), importPath));
            }
            if (importPath.startsWith("/") || importPath.startsWith("\\") || importPath.matches("^[A-Za-z]:.*")) {
                return refused("import \"" + importPath + "\" is an absolute path; imports are relative to the"
                        + " importing file and stay inside its source root");
            }
            if (!importPath.endsWith(".arch")) {
                return refused("import \"" + importPath + "\" does not name a spec file; only .arch files can be"
                        + " imported");
            }
            String base = from.displayPath();
            int slash = base.lastIndexOf('/');
            String shown = Path.of(slash < 0 ? importPath : base.substring(0, slash + 1) + importPath).normalize()
                    .toString().replace('\\', '/');
            if (from.location() != null) {
                return onDisk(importPath, shown, from);
            }
            try {
                return found(fromClasspath(shown));
            } catch (IOException notBesideIt) {
                // A bundled spec may import another jar's spec by its resource path, as a file on disk may.
                SourceFile beside = fromContextClasspath(shown, shown);
                return found(beside != null ? beside : fromContextClasspath(importPath, importPath));
            }
        } catch (IOException | RuntimeException e) {
            return found(null);
        }
    }

    private static Located onDisk(String importPath, String shown, SourceFile from) throws IOException {
        Path parent = from.location().toAbsolutePath().normalize().getParent();
        Path root = from.root() != null ? from.root() : parent;
        Path target = parent.resolve(importPath).normalize();
        if (!target.startsWith(root)) {
            return refused("import \"" + importPath + "\" leads out of the source root " + root + "; imports stay"
                    + " inside it (or name a spec on the class path)");
        }
        if (!Files.exists(target)) {
            return found(fromContextClasspath(importPath, importPath));
        }
        if (!Files.isRegularFile(target) || !target.toRealPath().startsWith(root.toRealPath())) {
            return refused("import \"" + importPath + "\" is not a regular spec file inside the source root "
                    + root);
        }
        try {
            return found(fromDisk(target, shown, root));
        } catch (UnreadableSpec e) {
            return refused("imported file \"" + importPath + "\" " + e.getMessage());
        }
    }

    private static Located found(SourceFile source) {
        return new Located(source, null);
    }

    private static Located refused(String problem) {
        return new Located(null, problem);
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
