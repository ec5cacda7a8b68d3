package org.voxarch.runtime.train;

import java.nio.file.Path;

/**
 * Hears what a {@link Trainer} does, e.g. for a command-line front end. Every method has an empty default; they
 * are called on the training thread, so a slow listener slows training.
 */
public interface TrainingListener {

    /** Epoch {@code epoch} is about to train with {@code learningRate}. */
    default void epochStarted(int epoch, double learningRate) {
    }

    /** An epoch finished (validation included) and its checkpoint, log and plot were written. */
    default void epochEnded(EpochRecord record) {
    }

    /** The Dice moving average reached a new best and the weights were written to {@code weights}. */
    default void newBest(EpochRecord record, Path weights) {
    }

    /** Every epoch is done; the final weights are in {@code weights}. */
    default void finished(TrainingHistory history, Path weights) {
    }
}
