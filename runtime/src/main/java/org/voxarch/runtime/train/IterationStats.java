package org.voxarch.runtime.train;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a run of training iterations measured.
 *
 * @param losses            the loss of each iteration, in order
 * @param seconds           wall time, data loading included
 * @param loaderWaitSeconds the part of it the network spent waiting for batches
 */
public record IterationStats(double[] losses, double seconds, double loaderWaitSeconds) {

    /** Copies the losses. */
    public IterationStats {
        losses = losses.clone();
    }

    /** @return the per-iteration losses (a copy) */
    @Override
    public double[] losses() {
        return losses.clone();
    }

    /** @return the mean loss, NaN for no iterations */
    public double meanLoss() {
        return Arrays.stream(losses).average().orElse(Double.NaN);
    }

    /** @return iterations per second, data loading included */
    public double iterationsPerSecond() {
        return losses.length / seconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IterationStats s && Arrays.equals(losses, s.losses) && seconds == s.seconds
                && loaderWaitSeconds == s.loaderWaitSeconds;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(losses) * 31 + Double.hashCode(seconds);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "IterationStats[%d iterations, mean loss %.4f, %.3f s, %.3f s "
                + "waiting for data]", losses.length, meanLoss(), seconds, loaderWaitSeconds);
    }
}
