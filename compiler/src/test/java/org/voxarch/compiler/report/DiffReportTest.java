package org.voxarch.compiler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.ir.IrBuilder;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;

/** {@code voxarch diff}: everything that differs between two variants, worked out by hand for a tiny network. */
class DiffReportTest {
    // Tiny: conv 2·8·27 + 8 = 440, mix 8·8·27 + 8 = 1,736, head 8·3 + 3 = 27: 2,203 parameters. Its forward produces
    // 8·512 + 8·512 + 3·512 = 9,728 elements per sample: 38,912 bytes. With hidden = 16: 880 + 6,928 + 51 = 7,859
    // parameters and 17,920 elements (70 KiB). FLOPs (outputs × inputs per output): 4,096·2·27 + 4,096·8·27 + 1,536·8
    // = 1,118,208, and 8,192·2·27 + 8,192·16·27 + 1,536·16 = 4,005,888; the 1×1 mix: 4,096·8 = 32,768.
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
              head = Conv3d(hidden, 3, 1)
              forward(x) {
                return head(mix(conv(x)))
              }
            }

            variant wide = Tiny(hidden = 16)
            variant point = Tiny() with { Mix.k = 1 }
            variant swapped = Tiny() with { mix.conv := Conv3d(c, c, 1, bias = false) }
            variant tuned = Tiny() with { mix.k = 5 }
            """;

    @TempDir
    Path dir;
    Program program;

    @BeforeEach
    void setUp() throws IOException {
        Path file = dir.resolve("net.arch");
        Files.writeString(file, SPEC);
        program = Compiler.loadFiles(List.of(file));
    }

    private String diff(String a, String b, boolean all) {
        NetworkModel ma = Compiler.elaborate(program, a, Map.of());
        NetworkModel mb = Compiler.elaborate(program, b, Map.of());
        return DiffReport.render(IrBuilder.network(program, ma), IrBuilder.network(program, mb), all).replace(dir + "/", "");
    }

    @Test
    void parametersSizesAndReshapedKeys() {
        assertEquals("""
                --- Tiny
                +++ wide
                parameter hidden: 8 (set at net.arch:8:42) -> 16 (set at net.arch:18:30)
                parameters: 2,203 -> 7,859
                FLOPs: 1.1 M -> 4.0 M
                training activations per sample: 38.0 KiB -> 70.0 KiB
                weight keys: 0 removed, 0 added, 5 reshaped
                ~ conv.weight [8, 2, 3, 3, 3] -> [16, 2, 3, 3, 3]
                ~ conv.bias [8] -> [16]
                ~ mix.conv.weight [8, 8, 3, 3, 3] -> [16, 16, 3, 3, 3]
                ~ mix.conv.bias [8] -> [16]
                ~ head.weight [3, 8, 1, 1, 1] -> [3, 16, 1, 1, 1]
                """, diff("Tiny", "wide", false));
    }

    @Test
    void overridesOfEitherKindAndReplacementsWithWhatOnlyOneSideHas() {
        assertEquals("""
                --- point
                +++ swapped
                override Mix.k: 1 -> (not set)
                replaced mix.conv: (not set) -> Conv3d by Conv3d(c, c, 1, bias = false)
                parameters: 539 -> 531
                FLOPs: 266.2 K -> 266.2 K
                training activations per sample: 38.0 KiB -> 38.0 KiB
                weight keys: 1 removed, 0 added, 0 reshaped
                - mix.conv.bias [8]
                """, diff("point", "swapped", false));
        assertTrue(diff("Tiny", "tuned", false).contains("override mix.k: (not set) -> 5\n"),
                diff("Tiny", "tuned", false));
    }

    @Test
    void keyDifferencesAreCutUnlessAllAreAsked() throws IOException {
        Path file = dir.resolve("deep.arch");
        Files.writeString(file, """
                network Deep(c: int = 2) {
                  input x: [B, c, 4, 4, 4]
                  stack = Sequential([Conv3d(c, c, 1) for i in range(25)])
                  forward(x) {
                    return stack(x)
                  }
                }
                variant wider = Deep(c = 3)
                """);
        program = Compiler.loadFiles(List.of(file));
        String cut = diff("Deep", "wider", false);
        assertTrue(cut.contains("weight keys: 0 removed, 0 added, 50 reshaped\n"), cut);
        assertEquals(40, cut.lines().filter(l -> l.startsWith("~ ")).count(), cut);
        assertTrue(cut.endsWith("... 10 more key differences (--all lists every one)\n"), cut);
        String all = diff("Deep", "wider", true);
        assertEquals(50, all.lines().filter(l -> l.startsWith("~ ")).count(), all);
        assertTrue(all.endsWith("~ stack.24.bias [2] -> [3]\n"), all);
    }
}
