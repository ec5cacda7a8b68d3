package org.voxarch.runtime.train;

/**
 * What one epoch produced; one row of the CSV log.
 *
 * @param epoch          0-based
 * @param trainLoss      mean training loss over the epoch's iterations
 * @param validationLoss mean loss over the validation batches (NaN without validation cases)
 * @param validationDice global foreground Dice of the validation batches (NaN if undefined)
 * @param emaDice        exponential moving average of the Dice, which chooses {@code model_best}
 * @param learningRate   the rate the epoch trained with
 * @param seconds        wall time of the epoch, validation included
 * @param best           whether this epoch's EMA was the best so far (and {@code model_best} was written)
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double validationDice, double emaDice,
        double learningRate, double seconds, boolean best) {
}
