package org.voxarch.compiler.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Variants, overrides and command-line settings. */
class VariantErrorsTest {
    private static final String NETWORK = """
            import "std/layers.arch"

            network Net(cin: int = 1, width: int = 8) {
              input x: [B, cin, 16, 16, 16]
              stem = UnetResBlock(cin, width)
              head = UnetOutBlock(width, 2)
              forward(x) {
                return head(stem(x))
              }
            }

            """;

    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    @Test
    void variantOfAnUnknownNetwork() {
        specs.write("net.arch", NETWORK + "variant wide = Nett(width = 16)\n");
        specs.assertOnly(specs.check("net.arch"), "net.arch:12:16: error: unknown network 'Nett'", List.of(),
                "did you mean 'Net'?");
    }

    @Test
    void unknownNetworkParameterInAVariant() {
        specs.write("net.arch", NETWORK + "variant wide = Net(widht = 16)\n");
        specs.assertOnly(specs.check("net.arch"), "net.arch:12:20: error: Net has no parameter 'widht'", List.of(),
                "did you mean 'width'?");
    }

    @Test
    void overrideOfABlockParameterThatDoesNotExist() {
        specs.write("net.arch", NETWORK + "variant wide = Net(width = 16) with { UnetResBlock.nope = 1 }\n");
        specs.assertOnly(specs.check("net.arch"), "net.arch:12:39: error: block UnetResBlock has no parameter 'nope'",
                List.of(), "the parameters of UnetResBlock are cin, cout, kernel, stride, norm");
    }

    @Test
    void overrideOfAnUnknownBlock() {
        specs.write("net.arch", NETWORK + "variant wide = Net(width = 16) with { UnetResBlok.kernel = 5 }\n");
        specs.assertOnly(specs.check("net.arch"), "net.arch:12:39: error: unknown block 'UnetResBlok'", List.of(),
                "did you mean 'UnetResBlock'?");
    }

    @Test
    void overrideOfALayer() {
        specs.write("net.arch", NETWORK + "variant wide = Net(width = 16) with { Conv3d.bias = true }\n");
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:12:39: error: 'Conv3d' is a layer; overrides set parameters of blocks");
    }

    @Test
    void pathOverrideNamingNoInstance() {
        specs.write("net.arch", NETWORK + "variant wide = Net(width = 16) with { stme.kernel = 5 }\n");
        specs.assertOnly(specs.check("net.arch"), "net.arch:12:39: error: no block instance at path 'stme' to override",
                List.of(), "did you mean 'stem'?");
    }

    @Test
    void pathOverrideOfAParameterTheInstanceDoesNotHave() {
        specs.write("net.arch", NETWORK + "variant wide = Net(width = 16) with { stem.kernal = 5 }\n");
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:12:39: error: UnetResBlock at 'stem' has no parameter 'kernal'", List.of(),
                "did you mean 'kernel'?");
    }

    @Test
    void aMistakeCausedByAPathOverrideMentionsIt() {
        specs.write("net.arch", NETWORK + "variant wide = Net(width = 16) with { stem.conv1.kernel = 5 }\n");
        var diagnostics = specs.check("net.arch");
        specs.assertHeadlines(diagnostics, "std/layers.arch:42:20: error: cannot add tensors of shapes"
                + " [B, 16, 14, 14, 14] and [B, 16, 16, 16, 16]: dimension 2 is 14 vs 16");
        specs.assertNote(diagnostics, "the variant sets stem.conv1.kernel = 5 at net.arch:12:39");
    }

    @Test
    void pathOverrideWithIndexedSegmentsParses() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stages = ModuleList([UnetResBlock(i == 0 ? cin : width, width) for i in range(2)])
                  forward(x) {
                    return stages[1](stages[0](x))
                  }
                }

                variant batched = Net() with { stages.1.norm = batch }
                """);
        assertFalse(specs.check("net.arch").hasErrors());
    }

    @Test
    void settingAParameterThatDoesNotExist() {
        specs.write("net.arch", NETWORK);
        specs.assertOnly(specs.elaborateFailing("net.arch", "Net", Map.of("nope", "1")),
                "--set nope=1: error: network Net has no parameter 'nope'", List.of(),
                "the parameters of Net are cin, width");
    }

    @Test
    void settingAParameterToTheWrongType() {
        specs.write("net.arch", NETWORK);
        specs.assertHeadlines(specs.elaborateFailing("net.arch", "Net", Map.of("width", "2.5")),
                "--set width=2.5: error: Net parameter 'width' expects int but got float 2.5");
    }

    @Test
    void elaboratingAnUnknownNetwork() {
        specs.write("net.arch", NETWORK);
        specs.assertOnly(specs.elaborateFailing("net.arch", "Nte", Map.of()),
                "<command line>: error: no network named 'Nte'", List.of(), "did you mean 'Net'?");
    }

    @Test
    void overridesThatChangeNothingAreWarnings() {
        specs.write("net.arch", NETWORK + "variant same = Net() with { UnetResBlock.kernel = 3  stem.stride = 1 }\n"
                + "grid g = Net() over { UnetResBlock.kernel in [3, 5] }\n");
        var diagnostics = specs.check("net.arch");
        assertFalse(diagnostics.hasErrors(), () -> specs.formatted(diagnostics));
        assertEquals(List.of(
                "net.arch:12:29: warning: 'UnetResBlock.kernel = 3' changes nothing: every UnetResBlock in the network"
                        + " already has kernel = 3",
                "net.arch:12:54: warning: 'stem.stride = 1' changes nothing: the UnetResBlock there already has"
                        + " stride = 1"),
                specs.shown(diagnostics.formatWarnings()).lines().filter(l -> l.startsWith("net.arch")).toList());
    }
}
