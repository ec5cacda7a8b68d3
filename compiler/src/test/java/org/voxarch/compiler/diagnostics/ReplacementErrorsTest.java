package org.voxarch.compiler.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.StateKey;

/** Child replacements ({@code :=}) and overrides that would change nothing. */
class ReplacementErrorsTest {
    // Mix: 4*4*27 + 4 = 436 parameters; Point: 4*4 + 4 = 20; each Stage holds three Mix.
    private static final String NETWORK = """
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

            block Two(c: int) {
              a = Conv3d(c, c, 1)
              forward(x, y) {
                return a(x) + y
              }
            }

            block Stage(c: int, n: int = 2) {
              mixer = Mix(c)
              items = ModuleList([Mix(c) for i in range(n)])
              forward(x) {
                y = mixer(x)
                return items[1](items[0](y))
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

            """;
    private static final int LINE = NETWORK.split("\n", -1).length;

    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    private NetworkModel elaborate(String variant) {
        specs.write("net.arch", NETWORK + "variant v = Net() with { " + variant + " }\n");
        return Compiler.elaborate(Compiler.loadFiles(List.of(dir.resolve("net.arch"))), "v", Map.of());
    }

    private List<String> keys(NetworkModel model) {
        return model.stateKeys().stream().map(StateKey::key).filter(k -> k.endsWith("weight")).toList();
    }

    @Test
    void blockWideReplacementReachesEveryInstanceAndKeepsTheChildsName() {
        NetworkModel model = elaborate("Stage.mixer := Point(c)");
        assertEquals(List.of("stem.weight", "s1.mixer.proj.weight", "s1.items.0.conv.weight",
                "s1.items.1.conv.weight", "s2.mixer.proj.weight", "s2.items.0.conv.weight", "s2.items.1.conv.weight"),
                keys(model));
        assertEquals(12 + 2 * (20 + 2 * 436), model.parameterCount());
    }

    @Test
    void replacementByPathReachesOneInstanceAndOutranksABlockWideOne() {
        NetworkModel model = elaborate("Stage.mixer := Point(c)  s1.mixer := Conv3d(c, c, 1, bias = false)");
        assertEquals("s1.mixer.weight", keys(model).get(1));
        assertEquals("s2.mixer.proj.weight", keys(model).get(4));
    }

    @Test
    void aStarMatchesAnyOneSegmentIncludingContainerItems() {
        NetworkModel model = elaborate("*.items.* := Point(c)");
        assertEquals(List.of("stem.weight", "s1.mixer.conv.weight", "s1.items.0.proj.weight",
                "s1.items.1.proj.weight", "s2.mixer.conv.weight", "s2.items.0.proj.weight", "s2.items.1.proj.weight"),
                keys(model));
    }

    @Test
    void unknownChildOfABlock() {
        specs.write("net.arch", NETWORK + "variant v = Net() with { Stage.mixr := Point(c) }\n");
        specs.assertOnly(specs.check("net.arch"), "net.arch:" + LINE + ":26: error: block Stage has no child 'mixr'",
                List.of(), "did you mean 'mixer'?");
    }

    @Test
    void pathReachingNoChild() {
        specs.write("net.arch", NETWORK + "variant v = Net() with { s3.mixer := Point(c) }\n");
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:" + LINE + ":26: error: no child at path 's3.mixer' to replace", List.of(),
                "did you mean 's1.mixer'?");
    }

    @Test
    void replacementWithAnotherForwardSignature() {
        specs.write("net.arch", NETWORK + "variant v = Net() with { Stage.mixer := Two(c) }\n");
        specs.assertOnly(specs.check("net.arch"), "net.arch:" + LINE + ":41: error: Two takes 2 inputs and returns"
                + " 1 output, but the Mix it replaces at 's1.mixer' takes 1 input and returns 1 output",
                List.of("the replacement is called where the replaced child is, so it must take and return the same",
                        "in Stage at 's1'"), null);
    }

    @Test
    void replacementInABlockTheNetworkNeverBuilds() {
        specs.write("net.arch", NETWORK + "variant v = Net() with { Two.a := Conv3d(c, c, 1) }\n");
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:" + LINE + ":26: error: the network has no Two, so 'Two.a' replaces nothing", List.of(),
                "the blocks it builds are Mix, Stage");
    }

    @Test
    void replacementIsEvaluatedInTheScopeOfTheBlock() {
        specs.write("net.arch", NETWORK + "variant v = Net() with { Stage.mixer := Point(width) }\n");
        specs.assertOnly(specs.check("net.arch"), "net.arch:" + LINE + ":47: error: unknown name 'width'",
                List.of("in Stage at 's1'"),
                "a replacement sees the names of the Stage whose child it replaces: c, n");
    }

    @Test
    void replacementGoesThroughShapeChecking() {
        specs.write("net.arch", NETWORK + "variant v = Net() with { s1.items.0 := Conv3d(c, 2 * c, 1) }\n");
        var diagnostics = specs.check("net.arch");
        assertEquals(1, diagnostics.count(), () -> specs.formatted(diagnostics));
        assertEquals("net.arch:4:12: error: Conv3d expects 4 input channels but got 8",
                specs.headlines(diagnostics).get(0));
    }

    @Test
    void replacingTheSameChildTwice() {
        specs.write("net.arch", NETWORK + "variant v = Net() with { Stage.mixer := Point(c)  Stage.mixer := Mix(c) }\n");
        specs.assertOnly(specs.check("net.arch"), "net.arch:" + LINE + ":51: error: 'Stage.mixer' is replaced twice",
                List.of("first replaced at net.arch:" + LINE + ":26"), null);
    }

    @Test
    void replacementThatIsNotAModule() {
        specs.write("net.arch", NETWORK + "variant v = Net() with { s1.mixer := c + 1 }\n");
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:" + LINE + ":40: error: a replacement builds a new module; this is int 5",
                List.of("replacing 's1.mixer'", "in Stage at 's1'"),
                "write a block or layer call, e.g. s1.mixer := Conv3d(c, c, 1)");
    }

    @Test
    void blockWideOverrideOfABlockTheNetworkNeverBuilds() {
        specs.write("net.arch", NETWORK + "variant v = Net() with { Two.c = 8 }\n");
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:" + LINE + ":26: error: the network has no Two, so 'Two.c' sets nothing", List.of(),
                "the blocks it builds are Mix, Stage");
    }

    @Test
    void gridAxisOnABlockTheNetworkNeverBuilds() {
        specs.write("net.arch", NETWORK + "grid g = Net() over { Two.c in [4, 8] }\n");
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:" + LINE + ":23: error: the network has no Two, so 'Two.c' sets nothing", List.of(),
                "the blocks it builds are Mix, Stage");
    }

    @Test
    void theSameOverrideTwice() {
        specs.write("net.arch", NETWORK + "variant v = Net() with { Mix.c = 4  Mix.c = 8 }\n");
        specs.assertOnly(specs.check("net.arch"), "net.arch:" + LINE + ":37: error: 'Mix.c' is set twice",
                List.of("first set at net.arch:" + LINE + ":26"), null);
    }

    @Test
    void theSameGridAxisTwice() {
        specs.write("net.arch", NETWORK + "grid g = Net() over { width in [4, 8], width in [2] }\n");
        specs.assertOnly(specs.check("net.arch"), "net.arch:" + LINE + ":40: error: axis 'width' is given twice",
                List.of("first given at net.arch:" + LINE + ":23"), null);
    }

    @Test
    void untypedParameterOverriddenByPathWithAModule() {
        specs.write("net.arch", """
                block H(c: int, inner = 0) {
                  m = Conv3d(c, c, 1)
                  forward(x) {
                    return m(x)
                  }
                }

                network Net(c: int = 8) {
                  input x: [B, c, 4, 4, 4]
                  h = H(c)
                  forward(x) {
                    return h(x)
                  }
                }

                variant v = Net() with { h.inner = Conv3d(8, 8, 1) }
                """);
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:16:36: error: override of h.inner holds a module (layer Conv3d); parameters are values",
                List.of(), "to put another module in place of a child, replace the child: h.<child> := ...");
    }

    @Test
    void aVariantWithReplacementsOfEveryKindChecks() {
        specs.write("net.arch", NETWORK + "variant v = Net() with { Stage.mixer := Point(c)  s2.items.1 := Point(c) }\n");
        assertFalse(specs.check("net.arch").hasErrors(), () -> specs.formatted(specs.check("net.arch")));
    }
}
