package org.voxarch.compiler.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.StateKey;

/**
 * Shapes, state-dict keys, parameter counts and FLOPs of the layers added beyond UNETR++, worked out by hand from
 * PyTorch's formulas (each figure is explained beside it).
 */
class LayersBeyondUnetrppTest {
    @TempDir
    Path dir;

    private NetworkModel compile(String body, String forward, String input) throws IOException {
        Path file = dir.resolve("net.arch");
        Files.writeString(file, """
                network Net() {
                  input x: %s
                %s
                  forward(x) {
                %s
                  }
                }
                """.formatted(input, body.indent(2).stripTrailing(), forward.indent(4).stripTrailing()));
        return Compiler.elaborate(Compiler.loadFiles(List.of(file)), "Net", Map.of());
    }

    private static List<String> keys(NetworkModel m) {
        return m.stateKeys().stream().map(k -> k.key() + " " + k.shapeText()).toList();
    }

    @Test
    void groupedDilatedConvolution() throws IOException {
        NetworkModel m = compile("conv = Conv3d(8, 4, 3, padding = 2, dilation = 2, groups = 2)",
                "return conv(x)", "[B, 8, 6, 6, 6]");
        // weight [out, in / groups, k, k, k]: 4·4·27 + 4 bias = 436
        assertEquals(List.of("conv.weight [4, 4, 3, 3, 3]", "conv.bias [4]"), keys(m));
        assertEquals(436, m.parameterCount());
        // output (6 + 2·2 - 2·(3-1) - 1) / 1 + 1 = 6; FLOPs in/groups · out · 27 · 216 voxels
        assertEquals("[B, 4, 6, 6, 6]", m.outputs().get(0).toString());
        assertEquals(4L * 4 * 27 * 216, m.flops());
    }

    @Test
    void transposedConvolutionWithPaddingAndOutputPadding() throws IOException {
        NetworkModel m = compile("up = ConvTranspose3d(2, 3, 3, 2, padding = 1, output_padding = 1)",
                "return up(x)", "[B, 2, 4, 5, 6]");
        // (n - 1)·2 - 2·1 + (3 - 1) + 1 + 1 = 2n
        assertEquals("[B, 3, 8, 10, 12]", m.outputs().get(0).toString());
        assertEquals(List.of("up.weight [2, 3, 3, 3, 3]", "up.bias [3]"), keys(m));
        assertEquals(2L * 3 * 27 * 120, m.flops());
    }

    @Test
    void layerNormWithoutAffineHasNoKeysAndFourFlopsPerElement() throws IOException {
        NetworkModel m = compile("norm = LayerNorm(6, affine = false)\nact = GELU(\"tanh\")",
                "return act(norm(x))", "[B, 10, 6]");
        assertEquals(List.of(), m.stateKeys().stream().map(StateKey::key).toList());
        assertEquals(0, m.parameterCount());
        assertEquals(4L * 60, m.flops());
    }

    @Test
    void poolsActivationsAndIdentity() throws IOException {
        NetworkModel m = compile("""
                max = MaxPool3d(2)
                avg = AvgPool3d([1, 3, 3], 1, [0, 1, 1])
                act = Sequential(ReLU(), ELU(0.5), SiLU(), Sigmoid(), Tanh(), Identity(), Softmax(1))""",
                "return act(avg(max(x)))", "[B, 2, 5, 8, 9]");
        // max: floor((n - 2) / 2) + 1 = 2, 4, 4; avg keeps the size: (n + 2 - 3) / 1 + 1
        assertEquals("[B, 2, 2, 4, 4]", m.outputs().get(0).toString());
        assertEquals(0, m.parameterCount());
        assertEquals(0, m.flops());
    }
}
