package org.voxarch.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code .arch} files a goal works on: those under the source directory that match an include pattern and no
 * exclude pattern, in a stable (sorted) order.
 */
final class SpecFiles {
    /** What is included when no {@code <includes>} are configured. */
    static final List<String> DEFAULT_INCLUDES = List.of("**/*.arch");

    private final Path root;
    private final List<Path> files;

    private SpecFiles(Path root, List<Path> files) {
        this.root = root;
        this.files = List.copyOf(files);
    }

    /**
     * Scans {@code root}; a missing folder gives no files.
     *
     * @param includes patterns relative to {@code root}; empty or null means {@link #DEFAULT_INCLUDES}
     * @param excludes patterns relative to {@code root}; may be null
     */
    static SpecFiles scan(Path root, List<String> includes, List<String> excludes) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            return new SpecFiles(absolute, List.of());
        }
        List<AntPattern> in = patterns(includes == null || includes.isEmpty() ? DEFAULT_INCLUDES : includes);
        List<AntPattern> out = patterns(excludes == null ? List.of() : excludes);
        try (Stream<Path> walk = Files.walk(absolute)) {
            List<Path> found = walk.filter(Files::isRegularFile)
                    .filter(f -> matchesAny(in, relative(absolute, f)) && !matchesAny(out, relative(absolute, f)))
                    .sorted()
                    .toList();
            return new SpecFiles(absolute, found);
        }
    }

    Path root() {
        return root;
    }

    /** Absolute paths of the selected files. */
    List<Path> files() {
        return files;
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    /** How generated code names a file: relative to the source directory, with {@code /} separators. */
    String displayPath(Path file) {
        return relative(root, file);
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static List<AntPattern> patterns(List<String> texts) {
        return texts.stream().map(String::strip).filter(t -> !t.isEmpty()).map(AntPattern::new).toList();
    }

    private static boolean matchesAny(List<AntPattern> patterns, String path) {
        return patterns.stream().anyMatch(p -> p.matches(path));
    }
}
