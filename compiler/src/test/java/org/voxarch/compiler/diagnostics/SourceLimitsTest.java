package org.voxarch.compiler.diagnostics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits on what the compiler reads: nesting depth, file size, UTF-8, and where imports may lead. Each is a
 * positioned diagnostic naming the limit, never a StackOverflowError, and never the lines of a file that is not a
 * spec.
 */
class SourceLimitsTest {
    private static final int DEEP = 100_000;
    private static final String PREFIX = "let k = ";

    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    private static String nestingError(int column) {
        return "net.arch:1:" + column + ": error: expression nested more than 256 levels deep (brackets and"
                + " operators); this is the compiler's nesting limit";
    }

    @Test
    void deepParenthesesGiveAPositionedDiagnosticNamingTheLimit() {
        specs.write("net.arch", PREFIX + "(".repeat(DEEP) + "1" + ")".repeat(DEEP) + "\n");
        specs.assertOnly(specs.check("net.arch"), nestingError(PREFIX.length() + 257), List.of(),
                "split the expression with let, or nest less");
    }

    @Test
    void longAdditionChainGivesAPositionedDiagnosticNamingTheLimit() {
        specs.write("net.arch", PREFIX + "a + ".repeat(DEEP) + "a\n");
        // The 257th '+': each "a + " is four characters, the '+' its third.
        specs.assertOnly(specs.check("net.arch"), nestingError(PREFIX.length() + 4 * 256 + 3), List.of(),
                "split the expression with let, or nest less");
    }

    @Test
    void deeplyNestedListsGiveAPositionedDiagnosticNamingTheLimit() {
        specs.write("net.arch", PREFIX + "[".repeat(DEEP) + "1" + "]".repeat(DEEP) + "\n");
        specs.assertOnly(specs.check("net.arch"), nestingError(PREFIX.length() + 257), List.of(),
                "split the expression with let, or nest less");
    }

    @Test
    void fileLargerThanFiveMegabytesIsRefusedNamingTheLimit() {
        specs.write("net.arch", "#".repeat(5 * 1024 * 1024 + 1));
        specs.assertHeadlines(specs.check("net.arch"), "net.arch: error: is 5242881 bytes; spec files are limited"
                + " to 5242880 bytes (5 MB)");
    }

    @Test
    void nonUtf8ByteGivesItsLineAndColumn() throws IOException {
        Files.write(dir.resolve("net.arch"), "network Net() {\n  let \u00e9 = 1\n}\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:2:7: error: is not UTF-8: byte 0xE9 at line 2,"
                + " column 7 cannot be decoded (save the file as UTF-8)");
    }

    @Test
    void importedLatin1FileIsReportedAsNotUtf8NotAsMissing() throws IOException {
        Files.write(dir.resolve("lib.arch"), "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        specs.write("net.arch", "import \"lib.arch\"\n");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:1:1: error: imported file \"lib.arch\" is not"
                + " UTF-8: byte 0xE9 at line 1, column 6 cannot be decoded (save the file as UTF-8)");
    }

    @Test
    void absoluteImportIsRefusedWithoutReadingTheFile() {
        specs.write("net.arch", "import \"/etc/passwd\"\n");
        var diagnostics = specs.check("net.arch");
        specs.assertHeadlines(diagnostics, "net.arch:1:1: error: import \"/etc/passwd\" is an absolute path;"
                + " imports are relative to the importing file and stay inside its source root");
        assertFalse(specs.formatted(diagnostics).contains("root:"), specs.formatted(diagnostics));
    }

    @Test
    void importLeadingOutOfTheSourceRootIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("src"));
        specs.write("outside.arch", "# a spec, but outside the root\n");
        specs.write("src/net.arch", "import \"../outside.arch\"\n");
        specs.assertHeadlines(specs.check("src/net.arch"), "src/net.arch:1:1: error: import \"../outside.arch\""
                + " leads out of the source root src; imports stay inside it (or name a spec on the class path)");
    }

    @Test
    void importOfAFileThatIsNotASpecIsRefusedWithoutEchoingIt() throws IOException {
        Files.writeString(dir.resolve("secrets.txt"), "password = hunter2\n");
        specs.write("net.arch", "import \"secrets.txt\"\n");
        var diagnostics = specs.check("net.arch");
        specs.assertHeadlines(diagnostics, "net.arch:1:1: error: import \"secrets.txt\" does not name a spec file;"
                + " only .arch files can be imported");
        assertFalse(specs.formatted(diagnostics).contains("hunter2"), specs.formatted(diagnostics));
    }

    @Test
    void importThroughALinkToADeviceOrOutsideTheRootIsRefused() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/zero")) && Files.isReadable(Path.of("/etc/passwd")));
        Files.createSymbolicLink(dir.resolve("zero.arch"), Path.of("/dev/zero"));
        Files.createSymbolicLink(dir.resolve("passwd.arch"), Path.of("/etc/passwd"));
        specs.write("net.arch", "import \"zero.arch\"\nimport \"passwd.arch\"\n");
        var diagnostics = specs.check("net.arch");
        specs.assertHeadlines(diagnostics,
                "net.arch:1:1: error: import \"zero.arch\" is not a regular spec file inside the source root " + dir,
                "net.arch:2:1: error: import \"passwd.arch\" is not a regular spec file inside the source root " + dir);
        assertFalse(specs.formatted(diagnostics).contains("root:"), specs.formatted(diagnostics));
    }
}
