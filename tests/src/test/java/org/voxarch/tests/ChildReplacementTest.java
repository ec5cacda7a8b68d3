package org.voxarch.tests;

import static org.bytedeco.pytorch.global.torch.ones;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.model.StateKey;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.nn.NoGrad;

/**
 * Variants that replace children ({@code :=}): the generated network registers the replacement under the child's
 * name, so its parameters and state-dict keys are the compiler's, and its forward computes the inferred shape.
 */
class ChildReplacementTest {
    private static final String SPEC = """
            block Mix(c: int) {
              conv = Conv3d(c, c, 3, 1, 1)
              forward(x) {
                return conv(x)
              }
            }

            block Point(c: int) {
              proj = Conv3d(c, c, 1)
              forward(x) {
                return proj(x)
              }
            }

            block Stage(c: int, n: int = 2) {
              mixer = Mix(c)
              items = ModuleList([Mix(c) for i in range(n)])
              chain = Sequential([Mix(c) for i in range(n)])
              forward(x) {
                y = mixer(x)
                return chain(items[1](items[0](y)))
              }
            }

            network Net(cin: int = 2, width: int = 4) {
              input x: [B, cin, 8, 8, 8]
              stem = Conv3d(cin, width, 1)
              s1 = Stage(width)
              s2 = Stage(width)
              forward(x) {
                return s2(s1(stem(x)))
              }
            }

            variant everywhere = Net() with { Stage.mixer := Point(c) }
            variant one = Net() with { s2.mixer := Point(c) }
            variant mixed = Net() with { Stage.mixer := Point(c)  s1.mixer := Conv3d(c, c, 1, bias = false) }
            variant stars = Net() with { *.items.* := Point(c) }
            variant item = Net() with { s1.items.1 := Point(c)  s2.chain.0 := Conv3d(c, c, 1) }
            variant wide = Net() with { Stage.chain.* := Point(c) }
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"everywhere", "one", "mixed", "stars", "item", "wide"})
    void generatedNetworkHasTheCompilersParametersKeysAndOutput(String variant) {
        GeneratedSpecs.Built built = GeneratedSpecs.build(dir, SPEC, variant);
        List<String> expected = built.model().stateKeys().stream()
                .map(k -> k.key() + " " + Arrays.toString(k.shape())).toList();
        List<String> actual = StateDict.entries(built.module()).stream()
                .map(e -> e.key() + " " + Arrays.toString(e.tensor().sizes().vec().get())).toList();
        assertEquals(expected, actual, built.source());
        assertEquals(built.model().parameterCount(), StateDict.parameterCount(built.module()));
        try (PointerScope scope = new PointerScope()) {
            built.module().eval();
            long[] shape = NoGrad.get(() -> forward(built, ones(2, 2, 8, 8, 8)).sizes().vec().get());
            assertArrayEquals(new long[] {2, 4, 8, 8, 8}, shape);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"everywhere", "one", "mixed", "stars", "item", "wide"})
    void replacedChildrenKeepTheirNames(String variant) {
        List<String> keys = GeneratedSpecs.build(dir, SPEC, variant).model().stateKeys().stream()
                .map(StateKey::key).toList();
        List<String> replaced = switch (variant) {
            case "everywhere" -> List.of("s1.mixer.proj.weight", "s2.mixer.proj.weight");
            case "one" -> List.of("s1.mixer.conv.weight", "s2.mixer.proj.weight");
            case "mixed" -> List.of("s1.mixer.weight", "s2.mixer.proj.weight");
            case "stars" -> List.of("s1.items.0.proj.weight", "s2.items.1.proj.weight");
            case "item" -> List.of("s1.items.0.conv.weight", "s1.items.1.proj.weight", "s2.chain.0.weight");
            default -> List.of("s1.chain.0.proj.weight", "s2.chain.1.proj.weight", "s1.mixer.conv.weight");
        };
        assertTrue(keys.containsAll(replaced), () -> String.join("\n", keys));
    }

    private static Tensor forward(GeneratedSpecs.Built built, Tensor x) {
        try {
            return (Tensor) built.module().getClass().getMethod("forward", Tensor.class).invoke(built.module(), x);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
