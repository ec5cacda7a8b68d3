package org.voxarch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Keeps outputs off inputs: a command refuses, before writing anything, an output that is one of its inputs. */
final class InputGuard {
    private InputGuard() {
    }

    /** @return whether both paths name the same file or folder (through links, {@code ..} and relative forms) */
    static boolean same(Path a, Path b) {
        if (Files.exists(a) && Files.exists(b)) {
            try {
                return Files.isSameFile(a, b);
            } catch (IOException e) {
                // Unreadable: fall back to comparing the names.
            }
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** @return whether {@code file} lies inside {@code folder} (at any depth) */
    static boolean inside(Path file, Path folder) {
        return canonical(file).startsWith(canonical(folder));
    }

    private static Path canonical(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            Path parent = p.toAbsolutePath().normalize().getParent();
            return parent == null || parent.equals(p) ? p.toAbsolutePath().normalize()
                    : canonical(parent).resolve(p.getFileName());
        }
    }

    /**
     * @param outputOption how the user named the output, e.g. {@code "-o"}
     * @param inputOption  how the user named the input, e.g. {@code "--image"}
     * @throws UserError if {@code output} is {@code input}
     */
    static void requireDistinct(Path output, String outputOption, Path input, String inputOption) {
        if (same(output, input)) {
            throw new UserError(outputOption + " " + output + " is the " + inputOption + " input; writing there"
                    + " would replace it. Choose another output; nothing was written");
        }
    }
}
