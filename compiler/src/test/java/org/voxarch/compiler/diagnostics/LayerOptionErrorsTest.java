package org.voxarch.compiler.diagnostics;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments of the layers and layer options added beyond UNETR++ (groups, dilation, pools, choices). */
class LayerOptionErrorsTest {
    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    private void network(String child, String input) {
        specs.write("net.arch", """
                network Net() {
                  input x: %s
                  layer = %s
                  forward(x) {
                    return layer(x)
                  }
                }
                """.formatted(input, child));
    }

    @Test
    void groupsMustDivideBothChannelCounts() {
        network("Conv3d(6, 8, 3, groups = 4)", "[B, 6, 8, 8, 8]");
        specs.assertOnly(specs.check("net.arch"), "net.arch:3:36: error: Conv3d needs in and out channels divisible"
                + " by groups, but in = 6 is not divisible by 4 groups", List.of(),
                "the group counts that divide both 6 and 8 are 1 and 2");
    }

    @Test
    void outputPaddingBelowStrideOrDilation() {
        network("ConvTranspose3d(4, 4, 2, 2, output_padding = [0, 2, 0])", "[B, 4, 8, 8, 8]");
        specs.assertOnly(specs.check("net.arch"), "net.arch:3:56: error: ConvTranspose3d parameter 'output_padding'"
                + " must be smaller than either stride or dilation, got [0, 2, 0] with stride [2, 2, 2] and dilation"
                + " [1, 1, 1] (spatial axis 1)", List.of(), null);
    }

    @Test
    void dilatedKernelThatDoesNotFit() {
        network("Conv3d(4, 4, 3, dilation = 4)", "[B, 4, 8, 8, 8]");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:5:12: error: Conv3d kernel 3 dilated by 4 does not"
                + " fit input size 8 on spatial axis 0");
    }

    @Test
    void geluApproximationNamesTheNearestChoice() {
        network("GELU(\"tahn\")", "[B, 4]");
        specs.assertOnly(specs.check("net.arch"), "net.arch:3:16: error: GELU parameter 'approximate' must be one of"
                + " \"none\", \"tanh\", got \"tahn\"", List.of(), "did you mean \"tanh\"?");
    }

    @Test
    void poolPaddingAtMostHalfTheKernel() {
        network("MaxPool3d(2, 2, 2)", "[B, 4, 8, 8, 8]");
        specs.assertOnly(specs.check("net.arch"), "net.arch:3:27: error: MaxPool3d parameter 'padding' must be"
                + " between 0 and half the kernel [2, 2, 2], got [2, 2, 2]", List.of(), null);
    }

    @Test
    void softmaxAxisOutOfRange() {
        network("Softmax(3)", "[B, 4, 5]");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:5:12: error: Softmax(dim = 3) is out of range for a"
                + " rank-3 tensor [B, 4, 5]");
    }

    @Test
    void layerNormAffineIsABool() {
        network("LayerNorm(4, affine = 1)", "[B, 4]");
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:3:33: error: LayerNorm parameter 'affine' expects bool but got int 1");
    }
}
