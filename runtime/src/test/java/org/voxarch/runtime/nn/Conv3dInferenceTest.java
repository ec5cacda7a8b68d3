package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.conv3d;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conv3d without gradients, where a batch of one goes straight to oneDNN ({@link SingleSampleConvolution}) and
 * larger batches through libtorch's dispatch: both agree with a float64 reference.
 */
class Conv3dInferenceTest {
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "batch {0}, {1} → {2} channels, kernel {3}, stride {4}")
    @CsvSource({"1, 8, 8, 3, 1", "1, 1, 8, 3, 1", "1, 8, 5, 1, 1", "1, 16, 32, 3, 2", "2, 8, 8, 3, 1"})
    void outputMatchesADoublePrecisionReference(int batch, int in, int out, int kernel, int stride) {
        manual_seed(5);
        long[] strides = {stride, stride, stride};
        long[] padding = {kernel / 2, kernel / 2, kernel / 2};
        Conv3d conv = new Conv3d(in, out, new long[] {kernel, kernel, kernel}, strides, padding, true);
        Tensor x = randn(batch, in, 4, 8, 8);
        Tensor y = NoGrad.get(() -> conv.forward(x));
        Tensor expected = NoGrad.get(() -> conv3d(x.to(ScalarType.Double), conv.weight().to(ScalarType.Double),
                new TensorOptional(conv.bias().to(ScalarType.Double)), strides, padding, new long[] {1, 1, 1}, 1)
                .to(ScalarType.Float));
        assertArrayEquals(Ops.shape(expected), Ops.shape(y));
        double error = y.sub(expected).abs().max().item_double() / expected.abs().max().item_double();
        assertTrue(error < TOLERANCE, "relative error " + error);
    }
}
