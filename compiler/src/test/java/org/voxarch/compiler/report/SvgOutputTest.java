package org.voxarch.compiler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DotGraph#writeSvg}: a clear error without Graphviz, dot's own message when it fails. */
class SvgOutputTest {
    private static final String DOT = "digraph \"g\" {\n  \"a\" -> \"b\";\n}\n";

    @TempDir
    Path dir;

    @Test
    void missingGraphvizIsAClearError() {
        Path svg = dir.resolve("g.svg");
        IOException e = assertThrows(IOException.class,
                () -> DotGraph.writeSvg(DOT, svg, dir.resolve("no-such-dir").toString()));
        assertEquals("Graphviz 'dot' not found; install graphviz or write .dot", e.getMessage());
        assertFalse(Files.exists(svg));
        assertThrows(IOException.class, () -> DotGraph.writeSvg(DOT, svg, ""));
    }

    @Test
    void passesTheGraphToDotAndReportsItsFailure() throws IOException {
        assumeTrue(File.separatorChar == '/', "the stand-in for dot is a POSIX shell script");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // A stand-in for dot: writes its input to the -o file, or fails like dot on a syntax error.
        Path fake = bin.resolve("dot");
        Files.writeString(fake, """
                #!/bin/sh
                if grep -q broken "$4"; then echo "Error: syntax error in line 1" >&2; exit 1; fi
                [ "$1" = "-Tsvg" ] && [ "$2" = "-o" ] && cp "$4" "$3"
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path svg = dir.resolve("out/g.svg");
        DotGraph.writeSvg(DOT, svg, bin + File.pathSeparator + System.getenv("PATH"));
        assertEquals(DOT, Files.readString(svg));

        IOException e = assertThrows(IOException.class,
                () -> DotGraph.writeSvg("broken", dir.resolve("b.svg"), bin.toString()));
        assertTrue(e.getMessage().contains("Error: syntax error in line 1"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Graphviz 'dot' failed (exit 1)"), e.getMessage());
    }

    @Test
    void realGraphvizProducesSvg() throws IOException {
        String path = System.getenv("PATH");
        assumeTrue(DotGraph.findExecutable("dot", path).isPresent(), "Graphviz is not installed");
        Path svg = dir.resolve("g.svg");
        DotGraph.writeSvg(DOT, svg);
        assertTrue(Files.readString(svg).contains("<svg"), "an SVG document");
    }
}
