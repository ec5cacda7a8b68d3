package org.voxarch.compiler.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.Value;

/** A grid is one variant per combination of its axes, usable wherever a variant is. */
class GridExpansionTest {

    @Test
    void membersAreVariantsWithTheAxisValues(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("grid.arch");
        Files.writeString(spec, """
                import "std/layers.arch"
                block Head(cin: int, classes: int, bias: bool = true) {
                  conv = Conv3d(cin, classes, 1, bias = bias)
                  forward(x) {
                    return conv(x)
                  }
                }
                network Net(width: int = 4, classes: int = 2) {
                  input x: [B, 1, 8, 8, 8]
                  body = Conv3d(1, width, 3, padding = 1)
                  head = Head(width, classes)
                  forward(x) {
                    return head(body(x))
                  }
                }
                grid sweep = Net(classes = 3) over {
                  width in [4, 8]
                  Head.bias in [true, false]
                }
                """);
        var program = Compiler.loadFiles(List.of(spec));
        List<String> names = program.buildables().stream().map(d -> d.name().name()).toList();
        assertEquals(List.of("Net", "sweep_4_true", "sweep_4_false", "sweep_8_true", "sweep_8_false"), names);
        NetworkModel small = Compiler.elaborate(program, "sweep_4_true", Map.of());
        NetworkModel wideNoBias = Compiler.elaborate(program, "sweep_8_false", Map.of());
        assertEquals(new Value.Int(3), small.parameters().get("classes"));
        assertEquals(new Value.Int(8), wideNoBias.parameters().get("width"));
        // 1·4·27 + 4 + 4·3 + 3 versus 1·8·27 + 8 + 8·3 (no head bias).
        assertEquals(127, small.parameterCount());
        assertEquals(248, wideNoBias.parameterCount());
        assertNotEquals(small.stateKeys().size(), wideNoBias.stateKeys().size());
        assertEquals(true, program.find("sweep_8_false") instanceof Decl.Variant);
    }
}
