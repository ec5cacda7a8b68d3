package org.voxarch.maven;

import java.nio.file.Path;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.resolve.SourceLoader;

/**
 * Names and fingerprints the spec files a generated class comes from, so that a later build can tell whether any
 * of them changed without compiling anything. A file on disk is named {@code file:} and its absolute path; a spec
 * from the class path (the standard library, a models jar) {@code classpath:} and its import path.
 */
final class SpecInputs {
    private static final String FILE = "file:";
    private static final String CLASSPATH = "classpath:";

    private SpecInputs() {
    }

    static String origin(SourceFile source) {
        return source.location() != null ? FILE + source.location().toAbsolutePath().normalize()
                : CLASSPATH + source.displayPath();
    }

    /** The fingerprint of a loaded spec, comparable with {@link #currentHash}. */
    static String hash(SourceFile source) {
        return source.location() != null ? Hashes.ofFile(source.location()) : Hashes.of(source.text());
    }

    /** The fingerprint of what is at {@code origin} now, or null when it is gone. */
    static String currentHash(String origin) {
        if (origin.startsWith(FILE)) {
            return Hashes.ofFile(Path.of(origin.substring(FILE.length())));
        }
        if (origin.startsWith(CLASSPATH)) {
            // Resolved the way an import of that path from a class-path spec is.
            SourceFile found = SourceLoader.resolve(origin.substring(CLASSPATH.length()), new SourceFile("", ""));
            return found == null ? null : Hashes.of(found.text());
        }
        return null;
    }
}
