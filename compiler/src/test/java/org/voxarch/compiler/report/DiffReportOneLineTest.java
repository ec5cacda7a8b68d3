package org.voxarch.compiler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.ir.IrBuilder;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.resolve.Program;

/** The one-line difference a table row shows ({@code voxarch ablate --plan}), worked out by hand. */
class DiffReportOneLineTest {
    private static final String SPEC = """
            block Mix(c: int, k: int = 3) {
              conv = Conv3d(c, c, k, 1, k / 2)
              forward(x) {
                return conv(x)
              }
            }

            network Tiny(cin: int = 2, hidden: int = 8) {
              input x: [B, cin, 8, 8, 8]
              conv = Conv3d(cin, hidden, 3, 1, 1)
              mix = Mix(hidden)
              mix2 = Mix(hidden)
              forward(x) {
                return mix2(mix(conv(x)))
              }
            }

            variant wide = Tiny(hidden = 16)
            variant swapped = Tiny() with { Mix.conv := Conv3d(c, c, 1, bias = false) }
            """;

    @TempDir
    Path dir;

    private String oneLine(String a, String b) throws IOException {
        Path file = dir.resolve("net.arch");
        Files.writeString(file, SPEC);
        Program program = Compiler.loadFiles(List.of(file));
        return DiffReport.oneLine(IrBuilder.network(program, Compiler.elaborate(program, a, Map.of())),
                IrBuilder.network(program, Compiler.elaborate(program, b, Map.of())));
    }

    @Test
    void sameNetworkDiffersInNothing() throws IOException {
        assertEquals("none", oneLine("Tiny", "Tiny"));
    }

    @Test
    void parameterChangeReshapesEveryWeight() throws IOException {
        // conv.weight, conv.bias and the two Mix convolutions' weight and bias: six keys, all wider.
        assertEquals("hidden: 8 -> 16; weight keys +0 -0 ~6", oneLine("Tiny", "wide"));
    }

    @Test
    void replacementsAreCountedByWhatReplacesWhat() throws IOException {
        // Both Mix instances lose conv.bias; their weights become 1×1×1.
        assertEquals("Conv3d by Conv3d(c, c, 1, bias = false) (2 children); weight keys +0 -2 ~2",
                oneLine("Tiny", "swapped"));
    }
}
