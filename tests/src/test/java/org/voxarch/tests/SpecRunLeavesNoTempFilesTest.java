package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code --spec} network is compiled to Java on the fly; nothing of that is left in the temporary directory. */
class SpecRunLeavesNoTempFilesTest {
    @TempDir
    Path dir;

    @Test
    void specRunLeavesNoVoxarchSpecFolderInTheTempDirectory() throws Exception {
        Path spec = dir.resolve("tiny.arch");
        Files.writeString(spec, """
                import "std/layers.arch"
                network Tiny(c: int = 2, classes: int = 3) {
                  input x: [B, c, 8, 8, 8]
                  body = UnetResBlock(c, 4, norm = batch)
                  head = UnetOutBlock(4, classes)
                  forward(x) {
                    return head(body(x))
                  }
                }
                """);
        // The child's own temporary directory, so that other processes on the machine cannot disturb the count.
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path log = dir.resolve("weights.log");
        Process weights = CliProcess.start(log, List.of("-Djava.io.tmpdir=" + tmp), "weights", "--spec",
                spec.toString(), "--model", "Tiny", "--formula", "-o", dir.resolve("w.safetensors").toString(),
                "--input", dir.resolve("x.safetensors").toString());
        assertEquals(0, weights.waitFor(), () -> read(log));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("voxarch")).toList());
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
