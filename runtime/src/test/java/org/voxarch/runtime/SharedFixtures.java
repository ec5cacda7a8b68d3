package org.voxarch.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code shared/fixtures}: from the {@code voxarch.shared} system property (set by the parent pom), else by
 * walking up from the working directory. Missing fixtures fail the test rather than skip it.
 */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    /** @return the fixtures directory */
    public static Path dir() {
        String property = System.getProperty("voxarch.shared");
        if (property != null && Files.isDirectory(Path.of(property, "fixtures"))) {
            return Path.of(property, "fixtures");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures not found: set -Dvoxarch.shared=<path to shared> "
                + "(voxarch.shared=" + property + ", working directory " + Path.of("").toAbsolutePath() + ")");
    }

    /** @return a file in the fixtures directory, which must exist */
    public static Path file(String name) {
        Path f = dir().resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("fixture missing: " + f);
        }
        return f;
    }
}
