package org.voxarch.compiler.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.diag.CompileException;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.StateKey;
import org.voxarch.compiler.model.Value;

/** Variants based on variants, and grids with a variant base, {@code with}, grid variables and zipped axes. */
class VariantsOfVariantsTest {
    // Net: body 1·w·27 + w; each of `depth` Mix blocks w·w·27 + w (or w·w + w when pointwise); head w·c + c.
    private static final String NET = """
            block Mix(c: int, kernel: int = 3) {
              conv = Conv3d(c, c, kernel, 1, kernel / 2)
              forward(x) {
                return conv(x)
              }
            }
            network Net(width: int = 4, classes: int = 2, depth: int = 1) {
              input x: [B, 1, 8, 8, 8]
              body = Conv3d(1, width, 3, padding = 1)
              mixers = Sequential([Mix(width) for i in range(depth)])
              head = Conv3d(width, classes, 1)
              forward(x) {
                return head(mixers(body(x)))
              }
            }
            variant wide = Net(width = 8, classes = 3) with { Mix.kernel = 1 }
            """;

    @TempDir
    Path dir;
    Program program;

    @BeforeEach
    void setUp() {
    }

    private Program load(String more) throws IOException {
        Path spec = dir.resolve("net.arch");
        Files.writeString(spec, NET + more);
        program = Compiler.loadFiles(List.of(spec));
        return program;
    }

    private NetworkModel model(String name) {
        return Compiler.elaborate(program, name, Map.of());
    }

    private static long params(int width, int classes, int depth, int kernel) {
        return 27L * width + width + depth * ((long) width * width * kernel * kernel * kernel + width)
                + (long) width * classes + classes;
    }

    @Test
    void aVariantOfAVariantKeepsWhatItDoesNotChange() throws IOException {
        load("variant wider = wide(width = 16)\n"
                + "variant wider_k3 = wider() with { Mix.kernel = 3 }\n");
        NetworkModel wider = model("wider");
        assertEquals(new Value.Int(16), wider.parameters().get("width"));
        assertEquals(new Value.Int(3), wider.parameters().get("classes"));
        assertEquals(params(16, 3, 1, 1), wider.parameterCount());
        assertEquals(params(16, 3, 1, 3), model("wider_k3").parameterCount());
    }

    @Test
    void aVariantOfAVariantAddsReplacements() throws IOException {
        load("variant plain = wide() with { mixers.0 := Conv3d(width, width, 1, bias = false) }\n");
        List<String> keys = model("plain").stateKeys().stream().map(StateKey::key).toList();
        assertEquals(List.of("body.weight", "body.bias", "mixers.0.weight", "head.weight", "head.bias"), keys);
    }

    @Test
    void aVariantBasedOnItselfIsAnError() throws IOException {
        load("variant a = b()\nvariant b = a()\n");
        CompileException e = org.junit.jupiter.api.Assertions.assertThrows(CompileException.class,
                () -> model("a"));
        assertEquals(List.of("net.arch:17:13: error: variant 'a' is based on itself: a → b → a"),
                e.diagnostics().all().stream().map(d -> d.headline().replace(dir + "/", "")).toList());
    }

    @Test
    void aGridFromAVariantWithChangesForEveryMember() throws IOException {
        load("grid g = wide() over { width in [4, 8] } with { Mix.kernel = 3 }\n");
        assertEquals(List.of("Net", "wide", "g_4", "g_8"), program.buildables().stream()
                .map(d -> d.name().name()).toList());
        assertEquals(params(4, 3, 1, 3), model("g_4").parameterCount());
        assertEquals(params(8, 3, 1, 3), model("g_8").parameterCount());
    }

    @Test
    void aGridVariableIsPutInPlaceOfItsUses() throws IOException {
        load("grid g = Net(width = 4 * d, depth = d) over { d in [1, 2] }\n");
        assertEquals(params(4, 2, 1, 3), model("g_1").parameterCount());
        assertEquals(params(8, 2, 2, 3), model("g_2").parameterCount());
    }

    @Test
    void zippedAxesTakeTheirValuesTogether() throws IOException {
        load("grid g = Net() over { width, depth in [[4, 1], [8, 2]], classes in [2, 5] }\n");
        assertEquals(List.of("Net", "wide", "g_4_1_2", "g_4_1_5", "g_8_2_2", "g_8_2_5"), program.buildables()
                .stream().map(d -> d.name().name()).toList());
        assertEquals(params(8, 5, 2, 3), model("g_8_2_5").parameterCount());
    }

    @Test
    void pathAxesOfAnyLength() throws IOException {
        load("grid g = Net(depth = 2) over { mixers.1.kernel in [1, 3] }\n");
        assertEquals(params(4, 2, 1, 3) + 4 * 4 + 4, model("g_1").parameterCount());
        assertEquals(params(4, 2, 2, 3), model("g_3").parameterCount());
    }

    @Test
    void membersWhoseNamesWouldCollideAreNumbered() throws IOException {
        load("grid g = Net() over { width in [4, 8], classes in [2, 2] }\n");
        assertEquals(List.of("Net", "wide", "g_1", "g_2", "g_3", "g_4"), program.buildables().stream()
                .map(d -> d.name().name()).toList());
    }

    @Test
    void aZippedValueOfTheWrongLength() throws IOException {
        Path spec = dir.resolve("net.arch");
        Files.writeString(spec, NET + "grid g = Net() over { width, depth in [[4, 1], [8]] }\n");
        Diagnostics d = Compiler.check(List.of(spec));
        assertEquals(List.of("net.arch:17:48: error: each value of a zipped axis of 2 names is a list of 2 values,"
                + " one for each name in order"), d.all().stream()
                .map(x -> x.headline().replace(dir + "/", "")).toList());
    }
}
