package org.voxarch.runtime.train;

import static org.bytedeco.pytorch.global.torch.cross_entropy;
import static org.bytedeco.pytorch.global.torch.one_hot;
import static org.bytedeco.pytorch.global.torch.softmax;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.voxarch.runtime.nn.Kernels;

/**
 * nnU-Net's {@code DC_and_CE_loss} as UNETR++ trains with it: cross-entropy plus negative soft Dice on softmax
 * probabilities, background excluded, smooth 1e-5, Dice per sample (or over the batch with {@code batchDice}).
 */
public final class DiceCrossEntropyLoss {
    private static final double SMOOTH = 1e-5;
    private final boolean batchDice;

    /** @param batchDice sum the Dice terms over the batch and space (true) or over space per sample (false) */
    public DiceCrossEntropyLoss(boolean batchDice) {
        this.batchDice = batchDice;
    }

    /**
     * @param logits [B, C, Z, Y, X]
     * @param target [B, Z, Y, X] class indices (int64)
     * @return the scalar loss, cross-entropy minus the mean foreground soft Dice
     */
    public Tensor compute(Tensor logits, Tensor target) {
        Tensor ce = cross_entropy(logits, target);
        return ce.add(softDice(logits, target).neg());
    }

    /** Mean soft Dice over the foreground classes. */
    Tensor softDice(Tensor logits, Tensor target) {
        long classes = logits.size(1);
        Tensor p = softmax(logits, 1);
        Tensor y = one_hot(target, classes).permute(0, 4, 1, 2, 3).to(ScalarType.Float);
        long[] axes = batchDice ? new long[] {0, 2, 3, 4} : new long[] {2, 3, 4};
        Tensor tp = p.mul(y).sum(axes, false, new ScalarTypeOptional());
        Tensor fp;
        Tensor fn;
        if (Kernels.diceFromSums()) {
            // Σp(1-y) = Σp - Σpy and Σ(1-p)y = Σy - Σpy: two reductions instead of four full-size products.
            fp = p.sum(axes, false, new ScalarTypeOptional()).sub(tp);
            fn = y.sum(axes, false, new ScalarTypeOptional()).sub(tp);
        } else {
            fp = p.mul(y.neg().add(new Scalar(1.0))).sum(axes, false, new ScalarTypeOptional());
            fn = p.neg().add(new Scalar(1.0)).mul(y).sum(axes, false, new ScalarTypeOptional());
        }
        Tensor numerator = tp.mul(new Scalar(2.0)).add(new Scalar(SMOOTH));
        Tensor denominator = tp.mul(new Scalar(2.0)).add(fp).add(fn)
                .add(new Scalar(SMOOTH + 1e-8));
        Tensor dice = numerator.div(denominator);
        // Background (class 0) is left out, as nnU-Net's do_bg=False.
        Tensor foreground = dice.narrow(dice.dim() - 1, 1, classes - 1);
        return foreground.mean();
    }
}
