package org.voxarch.runtime.train;

import static org.bytedeco.pytorch.global.torch.interpolate;

import org.bytedeco.pytorch.InterpolateFuncOptions;
import org.bytedeco.pytorch.LongVector;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.kNearest;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The loss over every deep-supervision head: weights 1, 1/2, 1/4, ... normalised to sum to one (UNETR++: 4/7, 2/7,
 * 1/7), each head against the target down-sampled (nearest neighbour) to its resolution.
 */
public final class DeepSupervisionLoss {
    private final DiceCrossEntropyLoss base;
    private final double[] fixedWeights;

    /** @param base the loss of each head; the heads are weighted by {@link #weights(int)} */
    public DeepSupervisionLoss(DiceCrossEntropyLoss base) {
        this(base, null);
    }

    /**
     * @param base    the loss of each head
     * @param weights one weight per head (full resolution first), used as given; null for {@link #weights(int)}.
     *                Heads of weight 0 are not evaluated.
     */
    public DeepSupervisionLoss(DiceCrossEntropyLoss base, double[] weights) {
        this.base = base;
        this.fixedWeights = weights == null ? null : weights.clone();
    }

    /** Normalised weights for {@code heads} outputs. */
    public static double[] weights(int heads) {
        double[] w = new double[heads];
        double total = 0;
        for (int i = 0; i < heads; i++) {
            w[i] = Math.pow(0.5, i);
            total += w[i];
        }
        for (int i = 0; i < heads; i++) {
            w[i] /= total;
        }
        return w;
    }

    /**
     * @param heads  network outputs, full resolution first
     * @param target [B, Z, Y, X] class indices at full resolution
     * @return the weighted sum of every head's loss against the target at the head's resolution
     */
    public Tensor compute(Tensor[] heads, Tensor target) {
        double[] w = fixedWeights == null ? weights(heads.length) : fixedWeights;
        if (w.length != heads.length) {
            throw new IllegalArgumentException(w.length + " deep-supervision weights for " + heads.length + " heads");
        }
        Tensor total = null;
        for (int i = 0; i < heads.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            Tensor t = i == 0 ? target : downsample(target, heads[i]);
            Tensor term = base.compute(heads[i], t).mul(new Scalar(w[i]));
            total = total == null ? term : total.add(term);
        }
        if (total == null) {
            throw new IllegalArgumentException("every deep-supervision weight is 0");
        }
        return total;
    }

    private static Tensor downsample(Tensor target, Tensor head) {
        InterpolateFuncOptions options = new InterpolateFuncOptions();
        options.size().put(new LongVector(head.size(2), head.size(3), head.size(4)));
        options.mode().put(new kNearest());
        Tensor asFloat = target.unsqueeze(1).to(ScalarType.Float);
        return interpolate(asFloat, options).squeeze(1).to(ScalarType.Long);
    }
}
