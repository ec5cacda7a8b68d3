package org.voxarch.runtime.train;

import java.util.List;
import java.util.Locale;

/**
 * Training stopped because a step produced a NaN or infinite loss or gradient norm. The step was not applied: the
 * network keeps the weights it had before it, and the last checkpoint is the previous epoch's. Stopping (rather than
 * skipping the step) is deliberate: with momentum 0.99 a single poisoned update ruins every later one, and a
 * non-finite value means broken data, settings or code that skipping would hide.
 */
public final class NonFiniteLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int iteration;

    /**
     * @param quantity  what was not finite ("loss" or "gradient norm")
     * @param value     its value
     * @param epoch     the step's epoch (from 0, as in the training log)
     * @param iteration the step's iteration within the epoch (from 0)
     * @param caseIds   the cases of the step's batch
     */
    public NonFiniteLossException(String quantity, double value, int epoch, int iteration, List<String> caseIds) {
        super(String.format(Locale.ROOT, "training stopped: the %s is %s at epoch %d, iteration %d (both counted from"
                + " 0), batch of cases %s; the step was not applied and the last checkpoint is the previous epoch's",
                quantity, value, epoch, iteration, caseIds));
        this.epoch = epoch;
        this.iteration = iteration;
    }

    /** @return the epoch of the failed step, from 0 */
    public int epoch() {
        return epoch;
    }

    /** @return the iteration of the failed step within its epoch, from 0 */
    public int iteration() {
        return iteration;
    }
}
