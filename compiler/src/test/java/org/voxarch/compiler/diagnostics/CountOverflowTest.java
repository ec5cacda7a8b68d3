package org.voxarch.compiler.diagnostics;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.diag.CompileException;

/**
 * Sizes, parameter counts and FLOPs past 64 bits are errors at the expression that makes them (issue 11: a huge
 * patch or layer once passed {@code check} and {@code summary} printed negative counts).
 */
class CountOverflowTest {
    private static final String LIMIT = "does not fit in 64 bits (the largest count is 9,223,372,036,854,775,807)";

    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    @Test
    void hugeConvolutionWeightIsAnErrorAtTheLayer() {
        specs.write("net.arch", """
                network Net(c: int = 1048576) {
                  input x: [B, c, 4, 4, 4]
                  conv = Conv3d(c, c, 1024)
                  forward(x) {
                    return conv(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:3:10: error: the parameter count of Conv3d's weight"
                + " [1048576, 1048576, 1024, 1024, 1024] " + LIMIT);
    }

    @Test
    void parameterTotalPastTheLimitPointsAtTheLayerThatCrossesIt() {
        // Each layer has 2^62 + 2^31 parameters, which fits; the two together do not.
        specs.write("net.arch", """
                network Net(n: int = 2147483648) {
                  input x: [B, n]
                  a = Linear(n, n)
                  b = Linear(n, n)
                  forward(x) {
                    return b(a(x))
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:4:7: error: the parameter count up to b " + LIMIT);
        // summary and the other reports start from an elaborated model: there is none to print.
        assertThrows(CompileException.class, () -> Compiler.elaborate(Compiler.loadFiles(List.of(
                dir.resolve("net.arch"))), "Net", Map.of()));
    }

    @Test
    void hugePatchIsAnErrorAtTheConvolutionCall() {
        specs.write("net.arch", """
                network Net(patch: [int] = [2097152, 2097152, 2097152]) {
                  input x: [B, 1, *patch]
                  conv = Conv3d(1, 8, 3, padding = 1)
                  forward(x) {
                    return conv(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:5:12: error: Conv3d's output size " + LIMIT);
    }

    @Test
    void hugeTokenCountIsAnErrorAtToTokens() {
        specs.write("net.arch", """
                network Net(patch: [int] = [2097152, 2097152, 2097152]) {
                  input x: [B, 1, *patch]
                  forward(x) {
                    return to_tokens(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:4:12: error: the token count of [B, 1, 2097152,"
                + " 2097152, 2097152] " + LIMIT);
    }
}
