package org.voxarch.compiler.diagnostics;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tensor functions and operators added beyond UNETR++: modes, masks, indices, element types, reshape's -1. */
class TensorFunctionErrorsTest {
    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    /** A network on {@code x: [B, 4, 6, 6, 6]} whose forward is the given body. */
    private void network(String forward) {
        specs.write("net.arch", """
                network Net() {
                  input x: [B, 4, 6, 6, 6]
                  forward(x) {
                %s
                  }
                }
                """.formatted(forward.indent(4).stripTrailing()));
    }

    @Test
    void interpolateModeNamesTheNearestChoice() {
        network("return interpolate(x, 2, \"trilinaer\")");
        specs.assertOnly(specs.check("net.arch"), "net.arch:4:12: error: interpolate's mode must be one of"
                + " \"nearest\", \"trilinear\", got \"trilinaer\"", List.of(), "did you mean \"trilinear\"?");
    }

    @Test
    void reflectPaddingMustBeSmallerThanTheAxis() {
        network("return pad(x, [6, 0, 0, 0, 0, 0], \"reflect\")");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:4:12: error: pad mode \"reflect\" needs padding"
                + " smaller than the size 6 of axis 4, got [6, 0]");
    }

    @Test
    void reshapeWhoseInferredDimensionDoesNotDivide() {
        network("return reshape(x, [B, -1, 5])");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:4:12: error: cannot reshape [B, 4, 6, 6, 6]"
                + " (864 elements per sample) to [B, -1, 5]: 864 elements are not a multiple of the 5 that the other"
                + " dimensions hold");
    }

    @Test
    void reshapeWithTwoInferredDimensions() {
        network("return reshape(x, [B, -1, -1])");
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:4:12: error: reshape can infer only one dimension (-1), got two in [B, -1, -1]");
    }

    @Test
    void whereNeedsABoolCondition() {
        network("return where(x, x, 0.0)");
        specs.assertOnly(specs.check("net.arch"), "net.arch:4:12: error: where's condition is a bool tensor, got the"
                + " tensor [B, 4, 6, 6, 6]", List.of(), "a comparison makes one, e.g. x != 0");
    }

    @Test
    void indexSelectNeedsAnInt64Index() {
        network("""
                i = arange(4) > 1
                return index_select(x, 1, i)""");
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:12: error: index_select's index is an int64 tensor,"
                + " got the bool tensor [4]", List.of(), "arange(...) and buffers declared with dtype = \"int64\" are"
                + " int64");
    }

    @Test
    void arithmeticOnAMaskIsRefused() {
        network("return x * (x > 0)");
        specs.assertOnly(specs.check("net.arch"), "net.arch:4:14: error: '*' is not defined for the bool tensor"
                + " [B, 4, 6, 6, 6]; a bool tensor chooses values", List.of(),
                "use where(mask, a, b) or masked_fill(x, mask, v)");
    }

    @Test
    void emptyArange() {
        network("""
                i = arange(3, 3)
                return x""");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:4:9: error: arange(3, 3, 1) is empty");
    }

    private void withBuffer(String declaration) {
        specs.write("net.arch", """
                network Net() {
                  input x: [B, 4, 6, 6, 6]
                  index = %s
                  forward(x) {
                    return index_select(x, 1, index)
                  }
                }
                """.formatted(declaration));
    }

    @Test
    void aParamIsNeverInt64() {
        withBuffer("param([2], dtype = \"int64\")");
        specs.assertOnly(specs.check("net.arch"), "net.arch:3:30: error: a param is float32 (it is learnt); an int64"
                + " tensor is a buffer", List.of(), "write buffer(shape, dtype = \"int64\")");
    }

    @Test
    void anInt64BufferStartsFromWholeNumbers() {
        withBuffer("buffer([2], init = normal(0.02), dtype = \"int64\")");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:3:11: error: an int64 buffer is filled with zeros,"
                + " ones or constant(v), not normal(0.02)");
    }

    @Test
    void aFloatBufferIsNoIndex() {
        withBuffer("buffer([2])");
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:5:12: error: index_select's index is an int64"
                + " tensor, got the tensor [2]");
    }

    @Test
    void aLayerTakesFloatTensors() {
        specs.write("net.arch", """
                network Net() {
                  input x: [B, 4]
                  proj = Linear(4, 4)
                  forward(x) {
                    return proj(x) + proj(arange(4))
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:5:22: error: Linear takes a float32 tensor, got the int64 tensor [4]");
    }
}
