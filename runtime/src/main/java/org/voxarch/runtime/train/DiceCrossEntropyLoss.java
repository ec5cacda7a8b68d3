package org.voxarch.runtime.train;

import static org.bytedeco.pytorch.global.torch.cross_entropy;
import static org.bytedeco.pytorch.global.torch.one_hot;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.softmax;
import static org.bytedeco.pytorch.global.torch.zeros;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
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
        if (Kernels.labelGatherLoss()) {
            return byGather(logits, target);
        }
        Tensor ce = cross_entropy(logits, target);
        return ce.add(softDice(logits, target).neg());
    }

    /**
     * The same loss from the log-probabilities and probabilities at each voxel's label, gathered rather than
     * multiplied by a one-hot target: backward keeps log-probabilities, probabilities and the label index instead of
     * those plus a float one-hot tensor as large as the logits, and no int64 one-hot is made.
     */
    private Tensor byGather(Tensor logits, Tensor target) {
        long batch = logits.size(0);
        long classes = logits.size(1);
        Tensor logP = logits.log_softmax(1);
        Tensor label = target.unsqueeze(1);
        Tensor ce = logP.gather(1, label).mean().neg();
        Tensor p = logP.exp();
        Tensor labels = label.reshape(batch, -1);
        // Per sample and class: Σ p over the voxels of that class (in double: a million float additions in a row
        // would lose digits), the voxel count of the class, and Σ p over all voxels.
        TensorOptions doubles = new TensorOptions(logits.device()).dtype(new ScalarTypeOptional(ScalarType.Double));
        Tensor tp = zeros(new long[] {batch, classes}, doubles)
                .scatter_add(1, labels, p.gather(1, label).reshape(batch, -1).to(ScalarType.Double))
                .to(ScalarType.Float);
        Tensor count = zeros(new long[] {batch, classes}, doubles)
                .scatter_add(1, labels, ones(new long[] {batch, labels.size(1)}, doubles))
                .to(ScalarType.Float);
        Tensor sumP = p.sum(new long[] {2, 3, 4}, false, new ScalarTypeOptional());
        if (batchDice) {
            tp = tp.sum(new long[] {0}, false, new ScalarTypeOptional());
            count = count.sum(new long[] {0}, false, new ScalarTypeOptional());
            sumP = sumP.sum(new long[] {0}, false, new ScalarTypeOptional());
        }
        return ce.add(foregroundDice(tp, sumP.sub(tp), count.sub(tp), classes).neg());
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
        return foregroundDice(tp, fp, fn, classes);
    }

    /** Mean soft Dice over the foreground classes from per-class (last axis) true/false positives and negatives. */
    private static Tensor foregroundDice(Tensor tp, Tensor fp, Tensor fn, long classes) {
        Tensor numerator = tp.mul(new Scalar(2.0)).add(new Scalar(SMOOTH));
        Tensor denominator = tp.mul(new Scalar(2.0)).add(fp).add(fn)
                .add(new Scalar(SMOOTH + 1e-8));
        Tensor dice = numerator.div(denominator);
        // Background (class 0) is left out, as nnU-Net's do_bg=False.
        Tensor foreground = dice.narrow(dice.dim() - 1, 1, classes - 1);
        return foreground.mean();
    }
}
