package org.voxarch.runtime.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The part of a training checkpoint that is not tensors, stored as JSON inside it. Together with the weights and
 * the optimizer's momentum buffers it determines the rest of the run exactly:
 * <ul>
 *   <li>the learning-rate schedule's position is {@link #nextEpoch} (the poly rate is a function of the epoch);</li>
 *   <li>the random state is ({@link #seed}, {@link #nextEpoch}): batches, augmentation and libtorch's generator are
 *       all reseeded from the seed and their position, so there is no generator state to carry;</li>
 *   <li>{@link #history} holds the metric history, including the Dice moving average and the best epoch.</li>
 * </ul>
 *
 * @param format             layout version of this record
 * @param nextEpoch          the first epoch still to train
 * @param seed               the run's seed
 * @param epochs             total epochs the schedule was planned for
 * @param iterationsPerEpoch training iterations per epoch
 * @param batchSize          B
 * @param patch              patch size (z, y, x)
 * @param history            every finished epoch
 */
public record TrainingState(int format, int nextEpoch, long seed, int epochs, int iterationsPerEpoch, int batchSize,
        int[] patch, List<EpochRecord> history) {
    /** The current {@link #format}. */
    public static final int FORMAT = 1;

    // NaN (an undefined Dice) must survive the round trip.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** Copies the patch and history. */
    public TrainingState {
        patch = patch.clone();
        history = List.copyOf(history);
    }

    /** @return patch size (z, y, x), a copy */
    @Override
    public int[] patch() {
        return patch.clone();
    }

    /** The state after {@code history}, for a run configured by {@code config}. */
    static TrainingState of(TrainConfig config, int nextEpoch, List<EpochRecord> history) {
        return new TrainingState(FORMAT, nextEpoch, config.seed(), config.epochs(), config.iterationsPerEpoch(),
                config.batchSize(), config.patch(), history);
    }

    /** @return this state as JSON */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException if {@code json} is not a training state */
    public static TrainingState fromJson(String json) {
        try {
            TrainingState s = JSON.readValue(json, TrainingState.class);
            if (s.format() != FORMAT) {
                throw new IllegalArgumentException("training state format " + s.format() + " is not supported (this "
                        + "version reads " + FORMAT + ")");
            }
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a training state: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that continuing under {@code config} repeats what the saved run would have done. The total number of
     * epochs may differ (the schedule then bends from here on); seed, iterations, batch size and patch may not.
     *
     * @throws IllegalArgumentException listing every setting that differs
     */
    public void checkResumableWith(TrainConfig config) {
        List<String> differences = new ArrayList<>();
        if (seed != config.seed()) {
            differences.add("seed " + seed + " (now " + config.seed() + ")");
        }
        if (iterationsPerEpoch != config.iterationsPerEpoch()) {
            differences.add("iterations per epoch " + iterationsPerEpoch + " (now " + config.iterationsPerEpoch() + ")");
        }
        if (batchSize != config.batchSize()) {
            differences.add("batch size " + batchSize + " (now " + config.batchSize() + ")");
        }
        if (!Arrays.equals(patch, config.patch())) {
            differences.add("patch " + Arrays.toString(patch) + " (now " + Arrays.toString(config.patch()) + ")");
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("the checkpoint was trained with " + String.join(", ", differences)
                    + "; resume with the same settings or start a new run");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingState s && format == s.format && nextEpoch == s.nextEpoch && seed == s.seed
                && epochs == s.epochs && iterationsPerEpoch == s.iterationsPerEpoch && batchSize == s.batchSize
                && Arrays.equals(patch, s.patch) && history.equals(s.history);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(patch) + history.hashCode() + nextEpoch;
    }

    @Override
    public String toString() {
        return "TrainingState[next epoch " + nextEpoch + " of " + epochs + ", seed " + seed + ", "
                + history.size() + " epochs recorded]";
    }
}
