package org.voxarch.tests;

import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxarch.models.UnetrppTiny;
import org.voxarch.runtime.memory.NativeScope;
import org.voxarch.runtime.nn.ForwardScope;

/**
 * Freeing a forward's intermediates early ({@link ForwardScope}) must not change what backward computes: autograd
 * keeps what it saved by its own reference counts. Outputs and every parameter's gradient of the tiny network are
 * compared with the scopes on and off.
 */
class ForwardScopeGradientTest {
    @AfterEach
    void restore() {
        ForwardScope.enable(true);
    }

    @Test
    void gradientsAreTheSameWithAndWithoutForwardScopes() {
        try (UnetrppTiny net = new UnetrppTiny()) {
            net.eval(); // dropout off, so both passes compute the same function; gradients still flow
            List<float[]> on = pass(net, true);
            List<float[]> off = pass(net, false);
            assertEquals(off.size(), on.size());
            for (int i = 0; i < on.size(); i++) {
                Closeness.assertClose(i == 0 ? "loss" : "gradient of parameter " + (i - 1), off.get(i), on.get(i));
            }
        }
    }

    /** The heads' weighted sum and each parameter's gradient, with forward scopes {@code on} or off. */
    private static List<float[]> pass(UnetrppTiny net, boolean on) {
        ForwardScope.enable(on);
        List<float[]> out = new ArrayList<>();
        NativeScope.run(() -> {
            net.zero_grad(true);
            manual_seed(7);
            Tensor x = randn(2, 1, 32, 64, 64);
            Tensor[] heads = net.forward(x);
            Tensor loss = heads[0].square().mean();
            for (int i = 1; i < heads.length; i++) {
                loss = loss.add(heads[i].mean());
            }
            out.add(new float[] {loss.item_float()});
            loss.backward();
            TensorVector params = net.parameters();
            for (long i = 0; i < params.size(); i++) {
                Tensor grad = params.get(i).grad();
                out.add(grad.defined() ? Fixtures.values(grad) : new float[0]);
            }
        });
        return out;
    }
}
