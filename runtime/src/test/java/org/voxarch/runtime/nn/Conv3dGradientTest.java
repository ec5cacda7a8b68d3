package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.conv3d;
import static org.bytedeco.pytorch.global.torch.grad;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conv3d's gradients against a float64 reference (libtorch computes float64 convolutions without oneDNN). Guards
 * the workaround in {@link ChannelBlockPadding}: without it the input gradient of a batch of two is wrong (tens of
 * percent, sometimes NaN) whenever the output channels are not a multiple of the CPU's channel block, which made
 * unetrpp-tiny's training diverge to NaN.
 */
class Conv3dGradientTest {
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest(name = "{0} → {1} channels, kernel {2}, stride {3}")
    @CsvSource({"8, 8, 3, 1", "8, 5, 3, 1", "1, 8, 3, 1", "16, 24, 3, 1", "8, 8, 3, 2", "8, 16, 3, 1", "8, 5, 1, 1",
        "16, 5, 1, 1"})
    void gradientsMatchADoublePrecisionReference(int in, int out, int kernel, int stride) {
        manual_seed(11);
        long[] strides = {stride, stride, stride};
        long[] padding = {kernel / 2, kernel / 2, kernel / 2};
        Conv3d conv = new Conv3d(in, out, new long[] {kernel, kernel, kernel}, strides, padding, true);
        Tensor x = randn(2, in, 4, 8, 8).set_requires_grad(true);
        Tensor y = conv.forward(x);
        Tensor upstream = randn(y.sizes().vec().get());
        TensorVector got = grad(new TensorVector(y), new TensorVector(x, conv.weight(), conv.bias()),
                new TensorVector(upstream), new BoolOptional(false), false, false);

        Tensor xd = x.detach().to(ScalarType.Double).set_requires_grad(true);
        Tensor wd = conv.weight().detach().to(ScalarType.Double).set_requires_grad(true);
        Tensor bd = conv.bias().detach().to(ScalarType.Double).set_requires_grad(true);
        Tensor yd = conv3d(xd, wd, new TensorOptional(bd), strides, padding, new long[] {1, 1, 1}, 1);
        TensorVector expected = grad(new TensorVector(yd), new TensorVector(xd, wd, bd),
                new TensorVector(upstream.to(ScalarType.Double)), new BoolOptional(false), false, false);

        assertClose("output", yd, y);
        assertClose("input gradient", expected.get(0), got.get(0));
        assertClose("weight gradient", expected.get(1), got.get(1));
        assertClose("bias gradient", expected.get(2), got.get(2));
    }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        Tensor e = expected.detach().to(ScalarType.Float);
        double scale = e.abs().max().item_double();
        double error = actual.detach().sub(e).abs().max().item_double() / scale;
        assertTrue(error < TOLERANCE, what + ": relative error " + error);
    }
}
