package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.memory.NativeScope;

class InPlaceActivationTest {
    private final LeakyReLU lrelu = new LeakyReLU(0.01);

    @AfterEach
    void restoreSwitches() {
        InPlace.enable(true);
        ForwardScope.enable(true);
    }

    /** conv → instance norm → lrelu → conv → batch norm, plus a projected input, then lrelu: MONAI's UnetResBlock. */
    private static final class ResBlock extends Layer {
        private final Conv3d conv1 = registerChild("conv1", new Conv3d(2, 4, cube(3), cube(1), cube(1), false));
        private final InstanceNorm3d norm1 = registerChild("norm1", new InstanceNorm3d(4, true, 1e-5));
        private final Conv3d conv2 = registerChild("conv2", new Conv3d(4, 4, cube(3), cube(1), cube(1), false));
        private final BatchNorm3d norm2 = registerChild("norm2", new BatchNorm3d(4, 1e-5, 0.1));
        private final Conv3d conv3 = registerChild("conv3", new Conv3d(2, 4, cube(1), cube(1), cube(0), false));
        private final LeakyReLU lrelu = registerChild("lrelu", new LeakyReLU(0.01));

        ResBlock() {
            super("ResBlock");
        }

        private static long[] cube(long n) {
            return new long[] {n, n, n};
        }

        /** As the generated code: each statement's result bound to a local, the temporaries freed. */
        @Override
        public Tensor forward(Tensor x) {
            ForwardScope scope = ForwardScope.open();
            try {
                Tensor y = scope.bind(lrelu.forward(norm1.forward(conv1.forward(x))));
                y = scope.rebind(y, norm2.forward(conv2.forward(y)));
                Tensor residual = scope.bind(conv3.forward(x));
                return scope.keep(lrelu.forward(y.add(residual)));
            } finally {
                scope.close();
            }
        }
    }

    @Test
    void aStatementTemporaryIsOverwrittenALocalOrAViewOfALocalIsNot() {
        NativeScope.run(() -> {
            ForwardScope scope = ForwardScope.open();
            try {
                Tensor local = scope.bind(randn(2, 8).sub(new Scalar(0.5)));
                double before = local.sum().item_double();
                Tensor temporary = local.mul(new Scalar(2.0));
                assertSame(temporary, lrelu.forward(temporary), "a dead temporary is overwritten");
                assertNotSame(local, lrelu.forward(local), "a local is read again later");
                Tensor view = local.reshape(16);
                assertNotSame(view, lrelu.forward(view), "a view of a local shares the local's memory");
                assertEquals(before, local.sum().item_double(), 0.0, "the local is unchanged");
                scope.bind(temporary);
            } finally {
                scope.close();
            }
        });
    }

    @Test
    void anInstanceNormOutputInTrainingIsOverwritten() {
        NativeScope.run(() -> {
            InstanceNorm3d norm = new InstanceNorm3d(2, true, 1e-5);
            ForwardScope scope = ForwardScope.open();
            try {
                Tensor x = randn(1, 2, 3, 3, 3).requires_grad_(true);
                Tensor normed = norm.forward(x.mul(new Scalar(2.0)));
                assertTrue(normed.is_view(), "libtorch's instance norm returns a view of its batch-norm output");
                assertSame(normed, lrelu.forward(normed));
                scope.bind(normed);
            } finally {
                scope.close();
            }
        });
    }

    @Test
    void outsideAForwardScopeNothingIsOverwritten() {
        NativeScope.run(() -> {
            Tensor temporary = randn(4).mul(new Scalar(2.0));
            assertNotSame(temporary, lrelu.forward(temporary));
        });
    }

    @Test
    void forwardAndGradientsEqualTheOutOfPlacePath() {
        List<double[]> inPlace = run(true);
        List<double[]> outOfPlace = run(false);
        assertEquals(outOfPlace.size(), inPlace.size());
        for (int i = 0; i < inPlace.size(); i++) {
            double[] a = inPlace.get(i);
            double[] b = outOfPlace.get(i);
            double scale = 0;
            for (double v : b) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 0, "tensor " + i + " is not all zero");
            for (int j = 0; j < a.length; j++) {
                assertEquals(b[j], a[j], 1e-4 * scale, "tensor " + i + " element " + j);
            }
        }
    }

    /** Output, input gradient and every parameter gradient of one training forward and backward. */
    private static List<double[]> run(boolean inPlace) {
        InPlace.enable(inPlace);
        List<double[]> values = new ArrayList<>();
        NativeScope.run(() -> {
            manual_seed(7);
            ResBlock block = new ResBlock();
            block.train(true);
            Tensor x = randn(2, 2, 5, 6, 7).requires_grad_(true);
            Tensor out = block.forward(x);
            assertFalse(out.isNull());
            out.mul(out).sum().backward();
            values.add(flat(out));
            values.add(flat(x.grad()));
            for (Tensor p : block.parameters().get()) {
                values.add(flat(p.grad()));
            }
        });
        return values;
    }

    private static double[] flat(Tensor t) {
        Tensor d = t.detach().reshape(-1).to(org.bytedeco.pytorch.global.torch.ScalarType.Double).contiguous();
        double[] out = new double[(int) d.numel()];
        d.data_ptr_double().get(out);
        return out;
    }
}
