package org.voxarch.runtime.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The epochs trained so far, and the moving average of the validation Dice that decides the best model: the first
 * defined Dice starts it, each later one updates it as {@code ema = α·ema + (1 − α)·dice} (nnU-Net, α = 0.9); an
 * epoch whose Dice is undefined leaves it unchanged. An epoch is best when its average exceeds every earlier one.
 */
public final class TrainingHistory {
    private final double alpha;
    private final List<EpochRecord> epochs = new ArrayList<>();

    /** @param alpha the moving average's weight on the past, in [0, 1) */
    public TrainingHistory(double alpha) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("EMA alpha must be in [0, 1), got " + alpha);
        }
        this.alpha = alpha;
    }

    /** A history continuing {@code earlier} (as stored in a checkpoint). */
    public static TrainingHistory of(double alpha, List<EpochRecord> earlier) {
        TrainingHistory h = new TrainingHistory(alpha);
        h.epochs.addAll(earlier);
        return h;
    }

    /**
     * Appends an epoch, computing its moving average and whether it is the best so far.
     *
     * @return the stored record
     */
    public EpochRecord record(int epoch, double trainLoss, double validationLoss, double validationDice,
                              double learningRate, double seconds) {
        double previous = lastEma();
        double ema;
        if (Double.isNaN(validationDice)) {
            ema = previous;
        } else if (Double.isNaN(previous)) {
            ema = validationDice;
        } else {
            ema = alpha * previous + (1 - alpha) * validationDice;
        }
        double best = bestEma();
        boolean isBest = !Double.isNaN(ema) && (Double.isNaN(best) || ema > best);
        EpochRecord r = new EpochRecord(epoch, trainLoss, validationLoss, validationDice, ema, learningRate, seconds,
                isBest);
        epochs.add(r);
        return r;
    }

    /** @return every epoch so far, in order (unmodifiable) */
    public List<EpochRecord> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** @return the latest moving average, or NaN before the first defined Dice */
    public double lastEma() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).emaDice();
    }

    /** @return the best moving average so far, or NaN */
    public double bestEma() {
        return bestEpoch() < 0 ? Double.NaN : epochs.stream().filter(e -> e.epoch() == bestEpoch()).findFirst()
                .orElseThrow().emaDice();
    }

    /** @return the epoch of the best moving average, or −1 */
    public int bestEpoch() {
        for (int i = epochs.size() - 1; i >= 0; i--) {
            if (epochs.get(i).best()) {
                return epochs.get(i).epoch();
            }
        }
        return -1;
    }

    /** @return the moving average's α */
    public double alpha() {
        return alpha;
    }
}
