package org.voxarch.runtime.train;

/**
 * nnU-Net's polynomial learning-rate decay, {@code lr(e) = lr0 · (1 − e/E)^exponent}, set at the start of epoch
 * {@code e} (counted from 0), so the first epoch trains at {@code lr0} and the rate approaches 0 at the end.
 *
 * @param initial  lr0
 * @param epochs   E, the total number of epochs
 * @param exponent 0.9 in nnU-Net
 */
public record PolySchedule(double initial, int epochs, double exponent) {

    /** Checks that lr0, E and the exponent are positive. */
    public PolySchedule {
        if (!(initial > 0) || epochs <= 0 || !(exponent > 0)) {
            throw new IllegalArgumentException("poly schedule needs lr0 > 0, epochs > 0 and exponent > 0, got "
                    + initial + ", " + epochs + ", " + exponent);
        }
    }

    /** @return the learning rate for epoch {@code epoch} (0-based; must be in [0, epochs]) */
    public double learningRate(int epoch) {
        if (epoch < 0 || epoch > epochs) {
            throw new IllegalArgumentException("epoch " + epoch + " is outside 0.." + epochs);
        }
        return initial * Math.pow(1.0 - (double) epoch / epochs, exponent);
    }
}
