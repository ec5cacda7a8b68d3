package org.voxarch.compiler.diagnostics;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments of blocks and layers: types, counts, names. Each mistake is reported at the argument. */
class ArgumentErrorsTest {
    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    /** A network whose child {@code stem} is declared by {@code stem}, then used in forward. */
    private void network(String stem) {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  %s
                  head = UnetOutBlock(width, 2)
                  forward(x) {
                    return head(stem(x))
                  }
                }
                """.formatted(stem));
    }

    @Test
    void floatWhereAnIntIsExpected() {
        network("stem = UnetResBlock(cin, width, 3.0)");
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:5:35: error: UnetResBlock parameter 'kernel' expects int but got float 3.0");
    }

    @Test
    void powerOfAnIntParameterWhereAnIntIsExpectedNamesTheFix() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(e: int = 3) {
                  input x: [B, 1, 8, 8, 8]
                  conv = Conv3d(1, 2 ** e, 3, padding = 1)
                  forward(x) {
                    return conv(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:5:22: error: Conv3d parameter 'out' expects int but got float 8.0", List.of(),
                "if it comes from a ** b: a power of ints is a float unless its exponent is a literal, len(...) or "
                        + "a range variable; write int(...) around it to use it as an int");
    }

    @Test
    void listWhereAnIntIsExpected() {
        network("stem = UnetResBlock(cin, width, [3, 3, 3])");
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:5:35: error: UnetResBlock parameter 'kernel' expects int but got [int] [3, 3, 3]");
    }

    @Test
    void listWhereALayerExpectsAnInt() {
        network("stem = Conv3d([cin], width, 3)");
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:5:17: error: Conv3d parameter 'in' expects int but got [int] [1]");
    }

    @Test
    void wrongEnum() {
        network("stem = UnetResBlock(cin, width, norm = true)");
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:5:42: error: UnetResBlock parameter 'norm' expects Norm but got bool true", List.of(),
                "one of: instance, batch");
    }

    @Test
    void wrongTypeIsReportedWhereTheValueIsPassedNotWhereItWasSet() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8, deep: bool = true) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width, deep)
                  forward(x) {
                    return stem(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:5:35: error: UnetResBlock parameter 'kernel' expects int but got bool true");
    }

    @Test
    void tooManyArguments() {
        network("stem = UnetResBlock(cin, width, 3, 1, instance, 7)");
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:5:51: error: UnetResBlock takes at most 5 arguments (cin, cout, kernel, stride, norm)");
    }

    @Test
    void tooManyArgumentsForALayer() {
        network("stem = Conv3d(cin, width, 3, 1, 1, true, 1, 1, 2)");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:5:50: error: Conv3d takes at most 8 arguments"
                + " (in, out, kernel, stride, padding, bias, dilation, groups)");
    }

    @Test
    void unknownArgumentName() {
        network("stem = UnetResBlock(cin, width, kernal = 3)");
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:35: error: UnetResBlock has no parameter 'kernal'",
                List.of(), "did you mean 'kernel'?");
    }

    @Test
    void unknownArgumentNameOfALayerSuggestsTheLongerName() {
        network("stem = Conv3d(cin, width, 3, padd = 1)");
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:32: error: Conv3d has no parameter 'padd'",
                List.of(), "did you mean 'padding'?");
    }

    @Test
    void unknownArgumentNameWithNothingCloseListsTheParameters() {
        network("stem = UnetResBlock(cin, width, depth = 2)");
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:35: error: UnetResBlock has no parameter 'depth'",
                List.of(), "the parameters of UnetResBlock are cin, cout, kernel, stride, norm");
    }

    @Test
    void argumentGivenTwice() {
        network("stem = UnetResBlock(cin, width, 3, kernel = 5)");
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:38: error: parameter 'kernel' is given twice",
                List.of("first given at net.arch:5:35"), null);
    }

    @Test
    void missingArgument() {
        network("stem = UnetResBlock(cin)");
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:10: error: UnetResBlock is missing parameter 'cout'",
                List.of("declared at std/layers.arch:24:30"),
                "UnetResBlock(cin, cout, kernel = 3, stride = 1, norm = instance)");
    }

    @Test
    void missingArgumentOfALayer() {
        network("stem = Conv3d(cin, width)");
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:10: error: Conv3d is missing parameter 'kernel'",
                List.of(), "Conv3d(in, out, kernel, stride = 1, padding = 0, bias = true, dilation = 1,"
                        + " groups = 1)");
    }

    @Test
    void positionalArgumentAfterANamedOne() {
        network("stem = UnetResBlock(cin = 1, width)");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:5:32: error: positional argument after a named one");
    }

    /** A block whose untyped parameter holds a block instance, by default or as an argument (issue 8). */
    private void wrapper(String use) {
        specs.write("net.arch", """
                block Proj(c: int) {
                  linear = Linear(c, c)
                  forward(x) {
                    return linear(x)
                  }
                }

                block Wrap(c: int, body = Proj(c)) {
                  inner = body
                  forward(x) {
                    return inner(x)
                  }
                }

                network Net(c: int = 4) {
                  input x: [B, c]
                  wrap = %s
                  forward(x) {
                    return wrap(x)
                  }
                }
                """.formatted(use));
    }

    @Test
    void untypedParameterHoldingABlockByDefault() {
        wrapper("Wrap(c)");
        specs.assertOnly(specs.check("net.arch"), "net.arch:8:27: error: Wrap parameter 'body' holds a module (block"
                + " Proj); parameters are values: numbers, sizes, flags, strings, enum constants and lists of them",
                List.of(), "pass the values the module needs and declare the child in Wrap's body");
    }

    @Test
    void untypedParameterGivenALayer() {
        wrapper("Wrap(c, body = Linear(c, c))");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:17:25: error: Wrap parameter 'body' holds a module"
                + " (layer Linear); parameters are values: numbers, sizes, flags, strings, enum constants and lists of"
                + " them");
    }
}
