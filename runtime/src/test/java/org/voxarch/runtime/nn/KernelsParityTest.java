package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.grad;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every runtime kernel alternative ({@link Kernels}, {@link Inference}) against libtorch's plain path on the same
 * weights and input: outputs and all gradients agree at 1e-4 relative.
 */
class KernelsParityTest {
    private static final double TOLERANCE = 1e-4;

    @AfterEach
    void restoreDefaults() {
        Kernels.set(true);
        Inference.enable(true);
    }

    @ParameterizedTest(name = "conv batch {0}, {1} → {2} channels, kernel {3},{4},{5}, stride = kernel")
    @CsvSource({"1, 1, 32, 2, 4, 4", "2, 1, 32, 2, 4, 4", "2, 32, 64, 2, 2, 2", "1, 16, 14, 1, 1, 1",
        "2, 32, 32, 1, 1, 1", "2, 8, 5, 2, 2, 2"})
    void convolutionsMatchThePlainPath(int batch, int in, int out, int kz, int ky, int kx) {
        manual_seed(3);
        long[] kernel = {kz, ky, kx};
        Conv3d conv = new Conv3d(in, out, kernel, kernel, new long[] {0, 0, 0}, true);
        Tensor x = randn(batch, in, 4 * kz + 1, 4 * ky, 3 * kx);
        long[] zero = {0, 0, 0};
        assertTrue(MatmulConvolution.patch(conv.weight(), kernel, zero)
                || MatmulConvolution.pointwise(conv.weight(), kernel, zero), "the matmul path is taken");
        assertSameOutputsAndGradients(conv, x);
    }

    @ParameterizedTest(name = "transposed conv batch {0}, {1} → {2} channels, kernel = stride {3},{4},{5}")
    @CsvSource({"1, 256, 128, 2, 2, 2", "2, 32, 16, 2, 4, 4", "2, 8, 5, 1, 4, 4"})
    void transposedConvolutionsMatchThePlainPath(int batch, int in, int out, int kz, int ky, int kx) {
        manual_seed(4);
        long[] kernel = {kz, ky, kx};
        ConvTranspose3d conv = new ConvTranspose3d(in, out, kernel, kernel, true);
        Tensor x = randn(batch, in, 3, 4, 5);
        assertTrue(MatmulConvolution.patch(conv.weight(), kernel, new long[] {0, 0, 0}), "the matmul path is taken");
        assertSameOutputsAndGradients(conv, x);
    }

    @Test
    void directOnednnForABatchMatchesTheDispatcher() {
        manual_seed(6);
        Conv3d conv = new Conv3d(8, 24, new long[] {3, 3, 3}, new long[] {1, 1, 1}, new long[] {1, 1, 1}, true);
        Tensor x = randn(2, 8, 6, 8, 8);
        assertTrue(NoGrad.get(() -> SingleSampleConvolution.applies(x)), "oneDNN is called directly");
        Tensor fast = NoGrad.get(() -> conv.forward(x));
        Kernels.plain();
        Tensor plain = NoGrad.get(() -> conv.forward(x));
        assertClose("output", plain, fast);
    }

    @Test
    void inferenceModeGivesTheNoGradOutput() {
        manual_seed(7);
        Sequential block = new Sequential(new Conv3d(4, 16, new long[] {3, 3, 3}, new long[] {1, 1, 1},
                new long[] {1, 1, 1}, false), new InstanceNorm3d(16, true, 1e-5), new LeakyReLU(0.01));
        block.eval();
        Tensor x = randn(2, 4, 6, 8, 8);
        Tensor[] out = new Tensor[1];
        Inference.run(() -> out[0] = block.forward(x).clone());
        Tensor plain = NoGrad.get(() -> block.forward(x));
        assertClose("output", plain, out[0]);
    }

    private static void assertSameOutputsAndGradients(Layer layer, Tensor input) {
        List<Tensor> fast = outputAndGradients(layer, input);
        Kernels.plain();
        List<Tensor> plain = outputAndGradients(layer, input);
        String[] names = {"output", "input gradient", "weight gradient", "bias gradient"};
        for (int i = 0; i < names.length; i++) {
            assertClose(names[i], plain.get(i), fast.get(i));
        }
    }

    private static List<Tensor> outputAndGradients(Layer layer, Tensor input) {
        Tensor x = input.detach().clone().set_requires_grad(true);
        Tensor y = layer.forward(x);
        manual_seed(9);
        Tensor upstream = randn(y.sizes().vec().get());
        List<Tensor> params = new ArrayList<>();
        for (ArchModule.Entry e : layer.entries()) {
            params.add(e.tensor());
        }
        TensorVector grads = grad(new TensorVector(y), new TensorVector(x, params.get(0), params.get(1)),
                new TensorVector(upstream), new BoolOptional(false), false, false);
        // detach() gives handles of our own: get(i) points into the vector, which the GC may free after we return.
        return List.of(y.detach(), grads.get(0).detach(), grads.get(1).detach(), grads.get(2).detach());
    }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(Ops.shape(expected), Ops.shape(actual), what + " shape");
        double scale = expected.abs().max().item_double();
        double error = actual.sub(expected).abs().max().item_double() / scale;
        assertTrue(error < TOLERANCE, what + ": relative error " + error);
    }
}
