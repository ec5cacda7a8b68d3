package org.voxarch.compiler.diagnostics;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values and shapes: forward calls, tensor functions, layer arguments and parameter arithmetic. */
class ShapeErrorsTest {
    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    /** A network with children {@code stem} (8 channels out) and {@code head}, and the given forward body. */
    private void network(String forward) {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width)
                  head = UnetOutBlock(width, 2)
                  forward(x) {
                %s
                  }
                }
                """.formatted(forward.indent(4).stripTrailing()));
    }

    @Test
    void wrongNumberOfForwardInputs() {
        network("""
                y = stem(x, x)
                return head(y)""");
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:8:9: error: UnetResBlock forward takes 1 input(s) (x) but is given 2",
                List.of("UnetResBlock's forward is declared at std/layers.arch:35:3"), null);
    }

    @Test
    void unpackingTooManyOutputs() {
        network("""
                a, b = stem(x)
                return head(a)""");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:8:12: error: cannot unpack 1 output(s) into 2 names");
    }

    @Test
    void severalOutputsIntoOneName() {
        network("""
                y = unbind(stem(x), 1)
                return head(y)""");
        specs.assertOnly(specs.check("net.arch"), "net.arch:8:9: error: this produces 8 outputs; name each one",
                List.of(), "write: a, b = ...");
    }

    @Test
    void reshapeToTheWrongNumberOfElements() {
        network("""
                y = stem(x)
                t = reshape(y, [B, 4096, 4])
                return head(y)""");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:9:9: error: cannot reshape [B, 8, 16, 16, 16]"
                + " (32768 elements per sample) to [B, 4096, 4] (16384)");
    }

    @Test
    void permuteWithARepeatedAxis() {
        network("""
                y = stem(x)
                t = permute(y, [0, 2, 2, 3, 4])
                return head(y)""");
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:9:9: error: permute axes [0, 2, 2, 3, 4] are not a permutation of 0..4");
    }

    @Test
    void permuteWithTooFewAxes() {
        network("""
                y = stem(x)
                t = permute(y, [0, 2, 1])
                return head(y)""");
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:9:9: error: permute of a rank-5 tensor [B, 8, 16, 16, 16] needs 5 axes, got 3");
    }

    @Test
    void aPoisonedValueIsNotReportedAgain() {
        network("""
                y = stem(x)
                t = permute(y, [0, 2, 1])
                u = reshape(t, [B, -1])
                return head(t)""");
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:9:9: error: permute of a rank-5 tensor [B, 8, 16, 16, 16] needs 5 axes, got 3");
    }

    @Test
    void wrongChannelsIntoALibraryBlockAreReportedWhereTheyArePassed() {
        network("""
                y = stem(x)
                return head(x)""");
        specs.assertOnly(specs.check("net.arch"), "net.arch:9:17: error: Conv3d expects 8 input channels but got 1",
                List.of("this is input 'x' of UnetOutBlock at 'head', which fails with it at std/layers.arch:50:17",
                        "this is input 'x' of Convolution at 'head.conv', which fails with it at std/layers.arch:11:12",
                        "input shape is [B, 1, 16, 16, 16]",
                        "'conv' is Conv3d(in = 8, out = 2, kernel = [1, 1, 1], stride = [1, 1, 1], padding = [0, 0, 0],"
                                + " bias = true, dilation = [1, 1, 1], groups = 1), declared at std/layers.arch:9:10"),
                null);
    }

    @Test
    void aLayerThatRejectsItsInputIsReportedOnceForAllItsNames() {
        specs.write("net.arch", """
                network Net(n: int = 16) {
                  input x: [B, 4, n]
                  proj = Linear(2 * n, 8)
                  again = proj
                  forward(x) {
                    a = proj(x)
                    b = again(x)
                    return a + b
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:6:9: error: Linear expects last dimension 32 but got"
                + " [B, 4, 16]", List.of("input shape is [B, 4, 16]",
                        "'proj' is Linear(in = 32, out = 8, bias = true), declared at net.arch:3:10"), null);
    }

    @Test
    void broadcastErrorNamesTheParameterOperand() {
        specs.write("net.arch", """
                network Net(n: int = 16) {
                  input x: [B, n, 4]
                  bias = param([1, n / 2, 4], init = zeros)
                  forward(x) {
                    return x + bias
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:14: error: cannot add tensors of shapes [B, 16, 4] and"
                + " [1, 8, 4]: dimension 1 is 16 vs 8",
                List.of("'bias' is a parameter of shape [1, 8, 4], declared at net.arch:3:10"), null);
    }

    @Test
    void groupNormChannelsNotDivisibleByGroups() {
        specs.write("net.arch", """
                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, width, 16, 16, 16]
                  norm = GroupNorm(3, width)
                  forward(x) {
                    return norm(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:3:10: error: GroupNorm needs channels divisible by groups, got 8 channels in 3 groups",
                List.of(), "the group counts that divide 8 are 1, 2, 4 and 8");
    }

    @Test
    void dropoutProbabilityOutOfRange() {
        specs.write("net.arch", """
                network Net(n: int = 16) {
                  input x: [B, n]
                  drop = Dropout(1.5)
                  forward(x) {
                    return drop(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:3:18: error: dropout probability must be between 0 and 1, got 1.5");
    }

    @Test
    void dropoutProbabilityIsReportedWhereTheUserSetIt() {
        specs.write("net.arch", """
                block Mlp(n: int, p: float = 0.1) {
                  fc = Linear(n, n)
                  drop = Dropout(p)
                  forward(x) {
                    return drop(fc(x))
                  }
                }

                network Net(n: int = 16, dropout: float = 0.1) {
                  input x: [B, n]
                  first = Mlp(n, dropout)
                  second = Mlp(n, dropout)
                  forward(x) {
                    return second(first(x))
                  }
                }

                variant leaky = Net(dropout = 1.5)
                """);
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:18:31: error: dropout probability must be between 0 and 1, got 1.5",
                List.of("for Dropout declared at net.arch:3:10", "in Mlp at 'first'"), null);
    }

    @Test
    void divisionByZeroInAParameterExpression() {
        specs.write("net.arch", """
                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16]
                  let groups = width / (cin - 1)
                  forward(x) {
                    return x
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:3:22: error: division by zero: 8 / 0",
                List.of("the divisor cin - 1 is 0"), null);
    }

    @Test
    void requirementFailureIsReportedWhereTheValueWasSet() {
        specs.write("net.arch", """
                block Attention(hidden: int, heads: int = 4) {
                  require hidden % heads == 0
                  qkv = Linear(hidden, 3 * hidden)
                  forward(x) {
                    return qkv(x)
                  }
                }

                network Net(dim: int = 32, heads: int = 4) {
                  input x: [B, 10, dim]
                  attention = Attention(dim, heads)
                  forward(x) {
                    return attention(x)
                  }
                }

                variant five = Net(heads = 5)
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:17:28: error: requirement failed: hidden % heads == 0",
                List.of("here hidden = 32 and heads = 5", "required at net.arch:2:3: hidden % heads == 0",
                        "in Attention at 'attention'"),
                "the nearest divisors of 32 are 4 and 8");
    }

    @Test
    void integerOverflow() {
        specs.write("net.arch", """
                network Net(cin: int = 1) {
                  input x: [B, cin, 16]
                  let huge = 2 ** 70
                  forward(x) {
                    return x
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:3:16: error: integer overflow: 2 ** 70 does not fit in 64 bits");
    }

    @Test
    void rangeTooLong() {
        specs.write("net.arch", """
                network Net(cin: int = 1) {
                  input x: [B, cin, 16]
                  let ids = range(100000000000)
                  forward(x) {
                    return x
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:3:13: error: range of 100000000000 items is too long; lists are limited to 100000"
                + " items");
    }
}
