package org.voxarch.compiler.diagnostics;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs that {@code check} used to pass although they fail later (generated Java that does not compile, a libtorch
 * error at initialisation or in the first forward) or silently mean something else. Each is now a positioned error.
 */
class AcceptedButWrongTest {
    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    /** A network whose body and forward are the given lines. */
    private void network(String body, String forward) {
        specs.write("net.arch", "network Net() {\n  input x: [B, 1, 8, 8, 8]\n" + body + "\n  forward(x) {\n"
                + forward + "\n  }\n}\n");
    }

    @Test
    void forwardThatReturnsAnIntIsAPositionedError() {
        network("  conv = Conv3d(1, 1, 3)", "    return 1");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:5:12: error: forward returns int 1; a forward"
                + " returns tensors");
    }

    @Test
    void uniformWithLowAboveHighIsRefused() {
        network("  w = param([4], init = uniform(1, -1))", "    return x");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "uniform(") + ": error: uniform(lo, hi)"
                + " needs lo <= hi, got lo = 1 and hi = -1");
    }

    @Test
    void normalWithANegativeStandardDeviationIsRefused() {
        network("  w = param([4], init = trunc_normal(-0.02))", "    return x");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "trunc_normal(") + ": error:"
                + " trunc_normal needs a standard deviation of 0 or more, got -0.02");
    }

    @Test
    void negativeConvPaddingIsRefused() {
        network("  conv = Conv3d(1, 1, 3, padding = -1)", "    return conv(x)");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "-1") + ": error: Conv3d parameter"
                + " 'padding' must not be negative, got [-1, -1, -1]");
    }

    @Test
    void zeroKernelAndNegativeNormEpsAreRefused() {
        network("  conv = Conv3d(1, 1, 0)\n  norm = LayerNorm(8, eps = -0.001)", "    return x");
        specs.assertHeadlines(specs.check("net.arch"),
                specs.at("net.arch", "0)") + ": error: Conv3d parameter 'kernel' must be positive, got [0, 0, 0]",
                specs.at("net.arch", "-0.001") + ": error: LayerNorm parameter 'eps' must not be negative, got -0.001");
    }

    @Test
    void secondListInModuleListIsRefused() {
        network("  convs = ModuleList([Conv3d(1, 1, 3)], [Conv3d(1, 1, 3)])", "    return convs[0](x)");
        specs.assertOnly(specs.check("net.arch"), specs.at("net.arch", "[Conv3d") + ": error: ModuleList takes one"
                + " list of modules, not a list among 2 arguments", List.of(), "join the lists: ModuleList(a + b)");
    }

    @Test
    void extraSoftmaxArgumentIsRefused() {
        network("", "    return softmax(x, 1, 2)");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "softmax(") + ": error: softmax takes 2"
                + " arguments: softmax(x, axis), got 3 arguments");
    }

    @Test
    void stringDefaultForAnEnumParameterIsRefused() {
        specs.write("net.arch", """
                enum Norm { batch, instance }
                block Blk(norm: Norm = "batch") {
                  conv = Conv3d(1, 1, 3)
                  forward(x) {
                    return conv(x)
                  }
                }
                network Net() {
                  input x: [B, 1, 8, 8, 8]
                  b = Blk()
                  forward(x) {
                    return b(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), specs.at("net.arch", "\"batch\"") + ": error: Blk parameter"
                + " 'norm' expects Norm but got string \"batch\"", List.of(),
                "an enum constant is written without quotes: batch");
    }
}
