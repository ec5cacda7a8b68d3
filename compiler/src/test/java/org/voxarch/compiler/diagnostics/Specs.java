package org.voxarch.compiler.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.diag.CompileException;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.resolve.Program;

/**
 * Specs written into a temporary directory and checked the way the CLI checks them. Diagnostics name files by
 * their path inside that directory ({@code net.arch:5:3: error: ...}), so assertions do not depend on where the
 * directory is.
 */
final class Specs {
    /** The real UNETR++ specs, relative to the compiler module (the tests' working directory). */
    static final Path UNETRPP = Path.of("../models/src/main/arch/unetrpp");

    private final Path dir;

    Specs(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** Writes {@code text} to {@code name} inside the directory. */
    Specs write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** {@code Compiler.check} of one file: every diagnostic, in source order. */
    Diagnostics check(String name) {
        return Compiler.check(List.of(dir.resolve(name)));
    }

    /** Elaborates one network with command-line settings; returns the diagnostics it fails with. */
    Diagnostics elaborateFailing(String name, String network, Map<String, String> settings) {
        Program program = Compiler.loadFiles(List.of(dir.resolve(name)));
        try {
            Compiler.elaborate(program, network, settings);
        } catch (CompileException e) {
            return e.diagnostics();
        }
        return fail("expected " + network + " with " + settings + " to fail");
    }

    /** The headlines ({@code file:line:col: error: message}) of every diagnostic. */
    List<String> headlines(Diagnostics diagnostics) {
        return diagnostics.all().stream().map(d -> shown(d.headline())).toList();
    }

    /** Everything as the CLI prints it. */
    String formatted(Diagnostics diagnostics) {
        return shown(diagnostics.format());
    }

    /** Asserts the exact headlines, in order (so also their number). */
    void assertHeadlines(Diagnostics diagnostics, String... expected) {
        assertEquals(List.of(expected), headlines(diagnostics), () -> formatted(diagnostics));
    }

    /** Asserts one diagnostic, its headline, notes and help (null when it has none). */
    void assertOnly(Diagnostics diagnostics, String headline, List<String> notes, String help) {
        assertHeadlines(diagnostics, headline);
        Diagnostic d = diagnostics.all().get(0);
        assertEquals(notes, d.notes().stream().map(this::shown).toList(), () -> formatted(diagnostics));
        assertEquals(help, d.help(), () -> formatted(diagnostics));
    }

    /** Asserts the first diagnostic has a note containing {@code text}. */
    void assertNote(Diagnostics diagnostics, String text) {
        assertTrue(diagnostics.all().get(0).notes().stream().map(this::shown).anyMatch(n -> n.contains(text)),
                () -> "no note with '" + text + "' in\n" + formatted(diagnostics));
    }

    String shown(String text) {
        return text.replace(dir + "/", "");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Copies of the UNETR++ specs with one line changed. Positions are found in the copy, so the assertions hold
    // while the specs evolve.

    Specs copyUnetrpp() {
        for (String name : List.of("blocks.arch", "unetrpp.arch")) {
            try {
                Files.copy(UNETRPP.resolve(name), dir.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Replaces the first occurrence of {@code from} in a copied file; returns the line it is on. */
    int edit(String name, String from, String to) {
        String text = read(name);
        int at = text.indexOf(from);
        assertTrue(at >= 0, () -> name + " no longer contains: " + from);
        write(name, text.substring(0, at) + to + text.substring(at + from.length()));
        return lineOf(text, at);
    }

    /** {@code file:line:col} of the first occurrence of {@code text} on or after line {@code fromLine}. */
    String at(String name, int fromLine, String text) {
        List<String> lines = read(name).lines().toList();
        for (int i = fromLine - 1; i < lines.size(); i++) {
            int column = lines.get(i).indexOf(text);
            if (column >= 0) {
                return name + ":" + (i + 1) + ":" + (column + 1);
            }
        }
        return fail(name + " has no '" + text + "' from line " + fromLine);
    }

    /** {@code file:line:col} of the first occurrence of {@code text}. */
    String at(String name, String text) {
        return at(name, 1, text);
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
