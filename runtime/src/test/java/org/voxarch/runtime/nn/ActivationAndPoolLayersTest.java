package org.voxarch.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.DoubleUnaryOperator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.TestTensors;

/** The layers added beyond UNETR++, against values computed here from their formulas (not by libtorch). */
class ActivationAndPoolLayersTest {
    private static final float[] XS = {-1f, 0f, 2f};
    private PointerScope scope;

    @BeforeEach
    void open() {
        scope = new PointerScope();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private static void assertElementwise(Layer layer, DoubleUnaryOperator f) {
        float[] expected = new float[XS.length];
        for (int i = 0; i < XS.length; i++) {
            expected[i] = (float) f.applyAsDouble(XS[i]);
        }
        assertArrayEquals(expected, TestTensors.floats(layer.forward(TestTensors.tensor(XS, 3))), 1e-6f,
                layer.typeName());
        assertEquals(0, layer.entries().size(), layer.typeName() + " has no parameters");
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Φ(x) by the Abramowitz–Stegun erf with 1.5e-7 error, enough for float32. */
    private static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-z * z);
        return 0.5 * (1 + Math.signum(x) * erf);
    }

    @Test
    void activationsFollowTheirFormulas() {
        assertElementwise(new ReLU(), x -> Math.max(x, 0));
        assertElementwise(new SiLU(), x -> x * sigmoid(x));
        assertElementwise(new Sigmoid(), ActivationAndPoolLayersTest::sigmoid);
        assertElementwise(new Tanh(), Math::tanh);
        assertElementwise(new ELU(0.5), x -> x > 0 ? x : 0.5 * (Math.exp(x) - 1));
        assertElementwise(new GELU("none"), x -> x * normalCdf(x));
        assertElementwise(new GELU("tanh"), x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI)
                * (x + 0.044715 * x * x * x))));
        assertThrows(IllegalArgumentException.class, () -> new GELU("erf"));
    }

    @Test
    void softmaxNormalisesAlongItsAxis() {
        Tensor x = TestTensors.tensor(new float[] {1, 2, 3, 0, 0, 0}, 2, 3);
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        float[] expected = {(float) (Math.exp(1) / sum), (float) (Math.exp(2) / sum), (float) (Math.exp(3) / sum),
                1 / 3f, 1 / 3f, 1 / 3f};
        assertArrayEquals(expected, TestTensors.floats(new Softmax(-1).forward(x)), 1e-6f);
        float[] columns = TestTensors.floats(new Softmax(0).forward(x));
        assertEquals((float) (Math.exp(1) / (Math.exp(1) + 1)), columns[0], 1e-6f);
    }

    @Test
    void identityReturnsItsInput() {
        Tensor x = TestTensors.tensor(XS, 3);
        assertSame(x, new Identity().forward(x));
    }

    /** {@code [1, 1, 2, 4, 4]} holding 0..31 in row-major order. */
    private static Tensor ramp() {
        float[] v = new float[32];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return TestTensors.tensor(v, 1, 1, 2, 4, 4);
    }

    @Test
    void maxPoolTakesEachWindowsLargest() {
        long[] two = {2, 2, 2};
        Tensor y = new MaxPool3d(two, new long[3], new long[3]).forward(ramp());
        assertArrayEquals(new long[] {1, 1, 1, 2, 2}, Ops.shape(y));
        // window (0, 0): z 0..1, y 0..1, x 0..1, largest at (1, 1, 1) = 16 + 4 + 1
        assertArrayEquals(new float[] {21, 23, 29, 31}, TestTensors.floats(y));
        Tensor strided = new MaxPool3d(new long[] {1, 2, 2}, new long[] {1, 1, 1}, new long[3]).forward(ramp());
        assertArrayEquals(new long[] {1, 1, 2, 3, 3}, Ops.shape(strided));
        assertEquals(5f, TestTensors.floats(strided)[0]);
    }

    @Test
    void avgPoolCountsPaddingInTheDivisor() {
        long[] two = {2, 2, 2};
        Tensor y = new AvgPool3d(two, new long[3], new long[3]).forward(ramp());
        // (0 + 1 + 4 + 5 + 16 + 17 + 20 + 21) / 8 = 84 / 8; the next windows start 2, 8 and 10 further
        assertArrayEquals(new float[] {10.5f, 12.5f, 18.5f, 20.5f}, TestTensors.floats(y), 1e-6f);
        Tensor ones = TestTensors.tensor(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, 1, 1, 2, 2, 2);
        Tensor padded = new AvgPool3d(two, two, new long[] {1, 1, 1}).forward(ones);
        assertArrayEquals(new long[] {1, 1, 2, 2, 2}, Ops.shape(padded));
        assertArrayEquals(new float[] {0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f},
                TestTensors.floats(padded));
        assertThrows(IllegalArgumentException.class, () -> new AvgPool3d(two, two, new long[] {2, 0, 0}));
    }

    @Test
    void layerNormWithoutAffineHasNoParameters() {
        LayerNorm norm = new LayerNorm(3, 1e-5, false);
        assertEquals(0, norm.entries().size());
        float sd = (float) Math.sqrt(2.0 / 3 + 1e-5);
        assertArrayEquals(new float[] {-1 / sd, 0, 1 / sd},
                TestTensors.floats(norm.forward(TestTensors.tensor(new float[] {1, 2, 3}, 1, 3))), 1e-5f);
        assertEquals(2, new LayerNorm(3, 1e-5, true).entries().size());
    }

    @Test
    void groupedConvolutionMixesChannelsOnlyWithinAGroup() {
        Conv3d conv = new Conv3d(2, 2, new long[] {1, 1, 1}, new long[] {1, 1, 1}, new long[3], false,
                new long[] {1, 1, 1}, 2);
        assertArrayEquals(new long[] {2, 1, 1, 1, 1}, Ops.shape(conv.weight()));
        NoGrad.run(() -> conv.weight().copy_(TestTensors.tensor(new float[] {2, 3}, 2, 1, 1, 1, 1)));
        Tensor x = TestTensors.tensor(new float[] {1, 10}, 1, 2, 1, 1, 1);
        assertArrayEquals(new float[] {2, 30}, TestTensors.floats(conv.forward(x)));
        assertThrows(IllegalArgumentException.class, () -> new Conv3d(3, 2, new long[] {1, 1, 1},
                new long[] {1, 1, 1}, new long[3], false, new long[] {1, 1, 1}, 2));
    }

    @Test
    void dilatedConvolutionSkipsTaps() {
        Conv3d conv = new Conv3d(1, 1, new long[] {1, 1, 3}, new long[] {1, 1, 1}, new long[3], false,
                new long[] {1, 1, 2}, 1);
        NoGrad.run(() -> conv.weight().copy_(TestTensors.tensor(new float[] {1, 1, 1}, 1, 1, 1, 1, 3)));
        Tensor x = TestTensors.tensor(new float[] {0, 1, 2, 3, 4}, 1, 1, 1, 1, 5);
        assertArrayEquals(new float[] {0 + 2 + 4}, TestTensors.floats(conv.forward(x)));
    }

    @Test
    void transposedConvolutionCropsPaddingAndAddsOutputPadding() {
        ConvTranspose3d up = new ConvTranspose3d(1, 1, new long[] {1, 1, 3}, new long[] {1, 1, 2}, false,
                new long[] {0, 0, 1}, new long[] {0, 0, 1}, new long[] {1, 1, 1});
        NoGrad.run(() -> up.weight().copy_(TestTensors.tensor(new float[] {1, 2, 3}, 1, 1, 1, 1, 3)));
        Tensor x = TestTensors.tensor(new float[] {1, 10}, 1, 1, 1, 1, 2);
        // full output [a, 2a, 3a + b, 2b, 3b] and one output-padding zero, less one voxel at each end
        assertArrayEquals(new float[] {2, 13, 20, 30}, TestTensors.floats(up.forward(x)));
        assertThrows(IllegalArgumentException.class, () -> new ConvTranspose3d(1, 1, new long[] {1, 1, 3},
                new long[] {1, 1, 2}, false, new long[3], new long[] {0, 0, 2}, new long[] {1, 1, 1}));
    }
}
