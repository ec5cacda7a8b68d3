package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.StateKey;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.nn.NoGrad;
import org.voxarch.runtime.nn.Ops;

/**
 * A spec using the layers and tensor functions added beyond UNETR++ goes through check, generate, javac and a
 * forward: the built module has the compiler's keys, parameter count and output shapes, and outputs that other
 * libtorch calls can check agree with them.
 */
class BeyondUnetrppSpecTest {
    private static final String SPEC = """
            network Beyond(c: int = 4) {
              input x: [B, c, 8, 8, 8]
              conv = Conv3d(c, 8, 3, padding = 2, dilation = 2, groups = 2)
              pool = MaxPool3d(2)
              avg = AvgPool3d(3, 1, 1)
              norm = LayerNorm(8, affine = false)
              act = GELU("tanh")
              up = ConvTranspose3d(8, c, 3, 2, padding = 1, output_padding = 1)
              keep = Identity()
              probs = Softmax(1)
              pick = buffer([2], init = constant(1), dtype = "int64")
              forward(x) {
                y = avg(pool(conv(x)))
                t = reshape(permute(y, [0, 2, 3, 4, 1]), [B, -1, 8])
                t = act(norm(t))
                t = index_select(t, 1, arange(63, -1, -1))
                t = where(t > 0, t, 0.0)
                g = permute(reshape(t, [B, 4, 4, 4, 8]), [0, 4, 1, 2, 3])
                g = roll(g, [1, -1], [2, 4])
                g = pad(g, [1, 1, 0, 0, 0, 0], "replicate")
                g = interpolate(g, [4, 4, 4], "trilinear")
                h = up(keep(g))
                return probs(h), masked_fill(x, x < 0, 0.0), take(x, arange(5)), index_select(x, 1, pick)
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void generatedModuleAgreesWithTheCompilerAndWithLibtorch() throws ReflectiveOperationException {
        GeneratedSpecs.Built built = GeneratedSpecs.build(dir, SPEC, "Beyond");
        // conv: 8 · (4 / 2) · 27 + 8 = 440; up: 8 · 4 · 27 + 4 = 868; the norm has no affine parameters
        assertEquals(1308, built.model().parameterCount());
        assertEquals(built.model().parameterCount(), StateDict.parameterCount(built.module()), built.source());
        // PyTorch's order: a module's own buffers before its children's entries
        assertEquals(List.of("pick", "conv.weight", "conv.bias", "up.weight", "up.bias"),
                built.model().stateKeys().stream().map(StateKey::key).toList());
        assertEquals("int64", built.model().stateKeys().get(0).dtype());
        assertEquals(List.of("pick", "conv.weight", "conv.bias", "up.weight", "up.bias"),
                List.copyOf(StateDict.toMap(built.module()).keySet()));
        List<String> shapes = built.model().outputs().stream().map(Shape::toString).toList();
        assertEquals(List.of("[B, 4, 8, 8, 8]", "[B, 4, 8, 8, 8]", "[5]", "[B, 2, 8, 8, 8]"), shapes);
        try (PointerScope scope = new PointerScope()) {
            built.module().eval();
            Tensor x = torch.randn(2, 4, 8, 8, 8);
            Object result = NoGrad.get(() -> forward(built, x));
            Tensor[] outputs = (Tensor[]) result;
            assertArrayEquals(new long[] {2, 4, 8, 8, 8}, Ops.shape(outputs[0]));
            assertArrayEquals(new long[] {5}, Ops.shape(outputs[2]));
            // masked_fill(x, x < 0, 0) is relu; softmax over channels sums to one
            assertTrue(outputs[1].equal(torch.relu(x)));
            double worst = torch.sub(outputs[0].sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()),
                    torch.ones(2, 8, 8, 8)).abs().max().item_double();
            assertTrue(worst < 1e-5, "softmax sums differ from 1 by " + worst);
            assertTrue(outputs[2].equal(x.reshape(-1).narrow(0, 0, 5)), "take reads x as a flat list");
            Tensor channel1 = x.narrow(1, 1, 1);
            assertTrue(outputs[3].equal(torch.cat(new org.bytedeco.pytorch.TensorVector(channel1, channel1), 1)),
                    "the int64 buffer holds ones: channel 1 twice");
        }
    }

    private static Object forward(GeneratedSpecs.Built built, Tensor x) {
        try {
            return built.module().getClass().getMethod("forward", Tensor.class).invoke(built.module(), x);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
