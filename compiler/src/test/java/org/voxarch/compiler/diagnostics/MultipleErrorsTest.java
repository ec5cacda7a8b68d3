package org.voxarch.compiler.diagnostics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voxarch.compiler.diag.Diagnostics;

/** Several mistakes in one file are all reported, in order; one mistake is reported once; nothing crashes. */
class MultipleErrorsTest {
    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    @Test
    void independentMistakesAreAllReportedInSourceOrder() {
        specs.write("net.arch", """
                import "std/layers.arch"

                block Mixer(n: int) {
                  fc = Linear(n, n)
                  forward(x) {
                    y = fc(x)
                  }
                }

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, widht)
                  norm = GroupNorm(3, width)
                  drop = Dropout(2.0)
                  head = UnetOutBlock(width, 2)
                  forward(x) {
                    t = permute(x, [0, 1, 1, 3, 4])
                    return head(stem(x))
                  }
                }

                variant wide = Net(width = 16) with { UnetResBlock.nope = 1 }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:5:3: error: forward of Mixer returns nothing",
                "net.arch:12:28: error: unknown name 'widht'",
                "net.arch:13:10: error: GroupNorm needs channels divisible by groups, got 8 channels in 3 groups",
                "net.arch:14:18: error: dropout probability must be between 0 and 1, got 2.0",
                "net.arch:17:9: error: permute axes [0, 1, 1, 3, 4] are not a permutation of 0..4",
                "net.arch:22:39: error: block UnetResBlock has no parameter 'nope'");
    }

    @Test
    void mistakesInSeveralFilesAreReportedFileByFile() {
        specs.write("lib.arch", """
                block Mixer(n: int) {
                  fc = Linear(n, m)
                  forward(x) {
                    return fc(x)
                  }
                }
                """);
        specs.write("net.arch", """
                import "lib.arch"

                network Net(n: int = 8) {
                  input x: [B, n]
                  mixer = Mixer(n)
                  forward(x) {
                    return mixer(y)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "lib.arch:2:18: error: unknown name 'm'",
                "net.arch:7:18: error: unknown name 'y'");
    }

    @Test
    void aMistakeInABlockUsedManyTimesIsReportedOnce() {
        specs.write("net.arch", """
                block Mixer(n: int) {
                  fc = Linear(n, n)
                  forward(x) {
                    return fc(x) + x[0]
                  }
                }

                network Net(n: int = 8) {
                  input x: [B, n]
                  blocks = Sequential([Mixer(n) for i in range(4)])
                  forward(x) {
                    return blocks(x)
                  }
                }

                variant wide = Net(n = 16)
                variant wider = Net(n = 32)
                """);
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:4:20: error: cannot index tensor [B, 8]");
    }

    @Test
    void aFailedRequirementStopsTheChecksThatRelyOnIt() {
        specs.write("net.arch", """
                network Net(patch: [int] = [16, 16, 16]) {
                  require len(patch) == 3, "patch needs three sizes, got {patch}"
                  let voxels = patch[0] * patch[1] * patch[2]
                  input x: [B, 1, *patch]
                  forward(x) {
                    return reshape(x, [B, voxels])
                  }
                }

                variant flat = Net(patch = [16, 16])
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:10:28: error: patch needs three sizes, got [16, 16]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "network Net(c: int = 1) { input x: [B, c] forward(x) { return x[0] } }",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { return x.shape } }",
        "network Net(c: int = 1) { input x: [B, c] l = Linear(c, c) forward(x) { return l(y = x) } }",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { return softmax(x) } }",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { a, b = x\n return a } }",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { return c(x) } }",
        "network Net(c: int = 1) { input x: [B, c] let n = [1, 2][c + 5] forward(x) { return x } }",
        "network Net(c: int = 1) { input x: [B, c] let n = 1.0 / 0 forward(x) { return x } }",
        "network Net(c: int = 1) { input x: [B, c] let n = \"a\" + c forward(x) { return x } }",
        "network Net(c: int = 1) { input x: [B, c] p = param([c, 0]) forward(x) { return x } }",
        "network Net(c: int = 1) { input x: [B, c] p = param([c], init = 5) forward(x) { return x } }",
        "network Net(c: int = 1) { input x: [B, c] m = ModuleList([Linear(1, 1), 3]) forward(x) { return x } }",
        "network Net(c: int = 1) { input x: [B, c] s = Sequential() forward(x) { return s(x) } }",
        "network Net(c: int = 1) { input x: [B, c] init Foo { weight = zeros } forward(x) { return x } }",
        "network Net(c: int = 1, c: int = 2) { input x: [B, c] forward(x, x) { return x } }",
        "network Net(c: int = 1) { input x: [B, c] forward(x, y) { return x } }",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { if c { return x } } }",
        "network Net(c) { input x: [B, c] forward(x) { return x } }",
        "network Net(c: int = 1) { input x: c forward(x) { return x } }",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { return x @ x } }",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { return to_grid(x, x) } }",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { return unbind(x, 0) } }",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { return reshape(x, [B, -1, -1]) } }",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { return cat([x, c], 1) } }",
        "network Net(c: int = 1) { input x: [B, c] let n = range(1, 10, 0) forward(x) { return x } }",
        "network Net(c: int = 1) { input x: [B, c] let n = prod([2 ** 40, 2 ** 40]) forward(x) { return x } }",
        "network Net(c: int = 1) { input x: [B, c] n = Net() forward(x) { return x } }",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { return Net(x) } }",
        "block A(c: int) { l = Linear(c, c) forward(x) { return l(x) } }\nvariant v = A(c = 1)",
        "enum E { a, b }\nnetwork Net(c: int = 1, e: E = c) { input x: [B, c] forward(x) { return x } }",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { return x } }\nvariant v = Net(c = 1) with { c = 2 }",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { return x } }\nvariant v = Net(c = [1, 2])",
        "network Net(c: int = 1) { input x: [B, c] forward(x) { return x } }\n"
                + "grid g = Net() over { c in [1, 2] }",
    })
    void oddSpecsGiveDiagnosticsNotExceptions(String spec) {
        specs.write("odd.arch", spec + "\n");
        Diagnostics diagnostics = assertDoesNotThrow(() -> specs.check("odd.arch"));
        assertTrue(diagnostics.all().stream().noneMatch(d -> d.message().startsWith("internal")),
                () -> specs.formatted(diagnostics));
    }
}
