package org.voxarch.compiler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.ir.IrBuilder;
import org.voxarch.compiler.ir.NetworkIr;
import org.voxarch.compiler.resolve.Program;

/** The reports of a network small enough to work out by hand. */
class InlineSpecReportsTest {
    // conv: 2*8*27 + 8 = 440 parameters, 8*512 outputs * 2*27 = 221,184 FLOPs;
    // head: 8*3 + 3 = 27 parameters, 3*512 * 8 = 12,288 FLOPs; spare is never called: 20 parameters, 0 FLOPs.
    // Activations: (8 + 3) * 512 elements * 4 bytes = 22,528 bytes = 22.0 KiB.
    private static final String SPEC = """
            /// Two convolutions and a layer the forward never uses.
            network Tiny(cin: int = 2, hidden: int = 8) {
              input x: [B, cin, 8, 8, 8]
              conv = Conv3d(cin, hidden, 3, 1, 1)
              head = Conv3d(hidden, 3, 1)
              spare = Linear(4, 4)
              forward(x) {
                y = conv(x)
                return head(y)
              }
            }
            """;

    @TempDir
    Path dir;

    private NetworkIr tiny() throws IOException {
        Path file = dir.resolve("tiny.arch");
        Files.writeString(file, SPEC);
        Program program = Compiler.loadFiles(List.of(file));
        return IrBuilder.network(program, Compiler.elaborate(program, "Tiny", Map.of()));
    }

    @Test
    void summaryListsEachLayerWithItsShapeParametersAndFlops() throws IOException {
        assertEquals("""
                module   type    output shape     params    FLOPs
                -------------------------------------------------
                Tiny     Tiny    [B, 3, 8, 8, 8]     487  233.5 K
                  conv   Conv3d  [B, 8, 8, 8, 8]     440  221.2 K
                  head   Conv3d  [B, 3, 8, 8, 8]      27   12.3 K
                  spare  Linear  -                    20        0

                input x: [B, 2, 8, 8, 8]
                output: [B, 3, 8, 8, 8]
                parameters: 487
                buffers: 0 elements in 0 tensors
                FLOPs (one sample, fvcore convention): 233.5 K (233,472)
                training activations (one sample, float32; every tensor the forward produces): 22.0 KiB
                """, SummaryReport.render(tiny()));
    }

    @Test
    void depthZeroShowsOnlyTheNetwork() throws IOException {
        List<String[]> rows = UnetrppReportsTest.tableRows(SummaryReport.render(tiny(), 0));
        assertEquals(1, rows.size());
        assertEquals("Tiny", rows.get(0)[0]);
    }

    @Test
    void markdownTableMatchesTheTextTable() throws IOException {
        String markdown = SummaryReport.markdown(tiny());
        assertTrue(markdown.startsWith("""
                | module | type | output shape | params | FLOPs |
                |---|---|---|---:|---:|
                | `Tiny` | Tiny | [B, 3, 8, 8, 8] | 487 | 233.5 K |
                | &nbsp;&nbsp;`conv` | Conv3d | [B, 8, 8, 8, 8] | 440 | 221.2 K |
                | &nbsp;&nbsp;`head` | Conv3d | [B, 3, 8, 8, 8] | 27 | 12.3 K |
                | &nbsp;&nbsp;`spare` | Linear | - | 20 | 0 |

                - input x: [B, 2, 8, 8, 8]
                """), markdown);
    }

    @Test
    void keyListHasOneLinePerTensor() throws IOException {
        assertEquals("""
                conv.weight\t[8, 2, 3, 3, 3]
                conv.bias\t[8]
                head.weight\t[3, 8, 1, 1, 1]
                head.bias\t[3]
                spare.weight\t[4, 4]
                spare.bias\t[4]
                """, KeyListReport.render(tiny()));
    }

    @Test
    void dotGraphConnectsInputLayersAndOutput() throws IOException {
        assertEquals("""
                digraph "Tiny" {
                  rankdir=TB;
                  node [shape=box, style=rounded, fontname="Helvetica"];
                  edge [fontname="Helvetica", fontsize=10];
                  "input:x" [shape=oval, label="x\\n[B, 2, 8, 8, 8]"];
                  "conv" [label="conv\\nConv3d\\n[B, 8, 8, 8, 8]"];
                  "head" [label="head\\nConv3d\\n[B, 3, 8, 8, 8]"];
                  "spare" [label="spare\\nLinear\\n-"];
                  "output:0" [shape=oval, label="output\\n[B, 3, 8, 8, 8]"];
                  "input:x" -> "conv" [label="x"];
                  "conv" -> "head" [label="y"];
                  "head" -> "output:0";
                }
                """, DotGraph.render(tiny()));
    }
}
