package org.voxarch.runtime.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voxarch.runtime.nn.Kernels;

/**
 * The Dice+CE loss with {@link Kernels#diceFromSums()} and {@link Kernels#labelGatherLoss()} against the product
 * form: value and logit gradient.
 */
class DiceFromSumsParityTest {
    private static final double TOLERANCE = 1e-4;

    @AfterEach
    void restoreDefaults() {
        Kernels.set(true);
    }

    @ParameterizedTest(name = "batch dice {0}")
    @ValueSource(booleans = {false, true})
    void sumsGiveTheProductFormsLossAndGradient(boolean batchDice) {
        torch.manual_seed(21);
        Tensor logits = torch.randn(2, 5, 6, 10, 12).mul(new org.bytedeco.pytorch.Scalar(3.0));
        Tensor target = torch.randint(5, new long[] {2, 6, 10, 12}).to(ScalarType.Long);
        assertSameLossAndGradient(new DiceCrossEntropyLoss(batchDice), logits, target, Kernels::plain);
    }

    @ParameterizedTest(name = "batch dice {0}")
    @ValueSource(booleans = {false, true})
    void gatheringAtTheLabelGivesTheOneHotFormsLossAndGradient(boolean batchDice) {
        torch.manual_seed(22);
        Tensor logits = torch.randn(2, 4, 16, 32, 32).mul(new org.bytedeco.pytorch.Scalar(4.0));
        Tensor target = torch.randint(4, new long[] {2, 16, 32, 32}).to(ScalarType.Long);
        assertSameLossAndGradient(new DiceCrossEntropyLoss(batchDice), logits, target,
                () -> Kernels.setLabelGatherLoss(false));
    }

    /** Loss and logit gradient with every switch on, then after {@code switchOff}: equal at 1e-4. */
    private static void assertSameLossAndGradient(DiceCrossEntropyLoss loss, Tensor logits, Tensor target,
            Runnable switchOff) {
        Kernels.set(true);
        Tensor[] fast = valueAndGradient(loss, logits, target);
        switchOff.run();
        Tensor[] plain = valueAndGradient(loss, logits, target);
        assertClose("loss", plain[0], fast[0]);
        assertClose("logit gradient", plain[1], fast[1]);
    }

    private static Tensor[] valueAndGradient(DiceCrossEntropyLoss loss, Tensor logits, Tensor target) {
        Tensor x = logits.detach().clone().set_requires_grad(true);
        Tensor value = loss.compute(x, target);
        TensorVector grads = torch.grad(new TensorVector(value), new TensorVector(x));
        return new Tensor[] {value.detach(), grads.get(0).detach()};
    }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        double error = actual.sub(expected).abs().max().item_double() / expected.abs().max().item_double();
        assertTrue(error < TOLERANCE, what + ": relative error " + error);
    }
}
