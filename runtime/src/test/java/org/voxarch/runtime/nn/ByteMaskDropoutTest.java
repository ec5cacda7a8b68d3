package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voxarch.runtime.memory.NativeScope;

/**
 * Training dropout with and without {@link Kernels#byteMaskDropout()}: the two draw different masks, so each is
 * checked against what dropout is: every element zeroed or scaled by 1/(1-p), about a fraction p zeroed, and the
 * input gradient the output gradient through the same mask and scale.
 */
class ByteMaskDropoutTest {
    private static final double P = 0.15;

    @AfterEach
    void restore() {
        Kernels.set(true);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void outputAndGradientAreTheInputThroughOneMask(boolean byteMask) {
        Kernels.set(byteMask);
        NativeScope.run(() -> {
            manual_seed(3);
            Dropout drop = new Dropout(P);
            drop.train(true);
            Tensor x = rand(200_000).add(new Scalar(0.5)).requires_grad_(true);
            Tensor weights = randn(200_000);
            Tensor out = drop.forward(x);
            out.mul(weights).sum().backward();
            Tensor kept = out.detach().ne(new Scalar(0.0));
            Tensor scale = kept.to(org.bytedeco.pytorch.global.torch.ScalarType.Float).div(new Scalar(1 - P));
            double outputError = out.detach().sub(x.detach().mul(scale)).abs().max().item_double();
            assertEquals(0.0, outputError, 1e-5, "kept elements are x/(1-p), the others 0");
            double gradientError = x.grad().sub(weights.mul(scale)).abs().max().item_double();
            assertEquals(0.0, gradientError, 1e-5, "the gradient goes through the forward's mask and scale");
            double dropped = 1 - kept.to(org.bytedeco.pytorch.global.torch.ScalarType.Double).mean().item_double();
            assertEquals(P, dropped, 0.01, "fraction dropped");
        });
    }
}
