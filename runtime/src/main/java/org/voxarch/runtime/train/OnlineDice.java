package org.voxarch.runtime.train;

import static org.bytedeco.pytorch.global.torch.one_hot;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;

import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * nnU-Net's online validation metric, the "global foreground Dice": hard (argmax) true positives, false positives
 * and false negatives are summed per class over every validation batch, each evaluated class gets
 * 2·TP / (2·TP + FP + FN), and the metric is the mean over the classes where that is defined (a class never
 * predicted nor present is skipped).
 */
public final class OnlineDice {
    private final int classes;
    private final int[] evaluated;
    private final long[] tp;
    private final long[] fp;
    private final long[] fn;

    /**
     * @param classes   C, including background
     * @param evaluated the classes averaged (e.g. Synapse's 8 organs), or null for every foreground class 1..C−1
     */
    public OnlineDice(int classes, int[] evaluated) {
        if (classes < 2) {
            throw new IllegalArgumentException("Dice needs at least 2 classes, got " + classes);
        }
        int[] e = evaluated == null ? IntStream.range(1, classes).toArray() : evaluated.clone();
        for (int c : e) {
            if (c <= 0 || c >= classes) {
                throw new IllegalArgumentException("evaluated class " + c + " is not a foreground class of " + classes
                        + " classes");
            }
        }
        this.classes = classes;
        this.evaluated = e;
        this.tp = new long[classes];
        this.fp = new long[classes];
        this.fn = new long[classes];
    }

    /**
     * @return the 8 organs UNETR++ evaluates on Synapse (spleen, kidneys, gallbladder, liver, stomach, aorta,
     *     pancreas), leaving out classes 5, 9, 10, 12 and 13
     */
    public static int[] synapseOrgans() {
        return new int[] {1, 2, 3, 4, 6, 7, 8, 11};
    }

    /**
     * Adds one batch.
     *
     * @param logits {@code [B, C, Z, Y, X]} (full-resolution head)
     * @param target {@code [B, Z, Y, X]} class indices
     */
    public void add(Tensor logits, Tensor target) {
        if (logits.size(1) != classes) {
            throw new IllegalArgumentException("logits have " + logits.size(1) + " classes, expected " + classes);
        }
        Tensor predicted = one_hot(logits.argmax(new LongOptional(1), false), classes);
        Tensor actual = one_hot(target.to(ScalarType.Long), classes);
        long[] everyAxisButClass = new long[(int) predicted.dim() - 1];
        for (int i = 0; i < everyAxisButClass.length; i++) {
            everyAxisButClass[i] = i;
        }
        long[] hits = longs(predicted.mul(actual).sum(everyAxisButClass, false, new ScalarTypeOptional()));
        long[] predictedCount = longs(predicted.sum(everyAxisButClass, false, new ScalarTypeOptional()));
        long[] actualCount = longs(actual.sum(everyAxisButClass, false, new ScalarTypeOptional()));
        for (int c = 0; c < classes; c++) {
            tp[c] += hits[c];
            fp[c] += predictedCount[c] - hits[c];
            fn[c] += actualCount[c] - hits[c];
        }
    }

    /** @return the counts so far: true positives, false positives and false negatives of each class, in that order */
    public long[] counts() {
        long[] all = new long[3 * classes];
        System.arraycopy(tp, 0, all, 0, classes);
        System.arraycopy(fp, 0, all, classes, classes);
        System.arraycopy(fn, 0, all, 2 * classes, classes);
        return all;
    }

    /** Replaces the counts by {@code all}, laid out as {@link #counts()} (e.g. summed over data-parallel ranks). */
    public void setCounts(long[] all) {
        if (all.length != 3 * classes) {
            throw new IllegalArgumentException("expected " + 3 * classes + " counts, got " + all.length);
        }
        System.arraycopy(all, 0, tp, 0, classes);
        System.arraycopy(all, classes, fp, 0, classes);
        System.arraycopy(all, 2 * classes, fn, 0, classes);
    }

    /** @return Dice per class over everything added (NaN where a class was never predicted nor present) */
    public double[] perClass() {
        double[] d = new double[classes];
        for (int c = 0; c < classes; c++) {
            long denominator = 2 * tp[c] + fp[c] + fn[c];
            d[c] = denominator == 0 ? Double.NaN : 2.0 * tp[c] / denominator;
        }
        return d;
    }

    /** @return the mean Dice over the evaluated classes that are defined, or NaN if none is */
    public double globalForegroundDice() {
        double[] d = perClass();
        return Arrays.stream(evaluated).mapToDouble(c -> d[c]).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN);
    }

    private static long[] longs(Tensor t) {
        Tensor c = t.to(ScalarType.Long).cpu().contiguous();
        long[] values = new long[(int) c.numel()];
        ((LongBuffer) c.createBuffer()).get(values);
        return values;
    }
}
