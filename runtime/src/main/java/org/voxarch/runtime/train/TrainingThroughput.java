package org.voxarch.runtime.train;

import java.util.Locale;

/**
 * Measures training throughput for benchmarks: iterations per second of the real training step (loader threads,
 * tensor creation, forward, loss, backward, clipping, SGD) after a warm-up, and how much of the time the network
 * waited for data. The measured iterations really train the network.
 */
public final class TrainingThroughput {
    private TrainingThroughput() {
    }

    /**
     * A throughput measurement.
     *
     * @param iterations          timed iterations
     * @param seconds             their wall time
     * @param loaderWaitSeconds   the part spent waiting for batches
     */
    public record Result(int iterations, double seconds, double loaderWaitSeconds) {
        /** @return iterations per second, data loading included */
        public double iterationsPerSecond() {
            return iterations / seconds;
        }

        /** @return seconds per iteration */
        public double secondsPerIteration() {
            return seconds / iterations;
        }

        /** @return fraction of the time the network waited for the loader (0 = never) */
        public double loaderWaitFraction() {
            return loaderWaitSeconds / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.3f it/s (%.1f ms/it over %d iterations, %.1f%% waiting for data)",
                    iterationsPerSecond(), 1000 * secondsPerIteration(), iterations, 100 * loaderWaitFraction());
        }
    }

    /**
     * Runs {@code warmup} untimed iterations (first-call costs, loader start-up), then {@code iterations} timed
     * ones, with the batches of epoch 0.
     */
    public static Result measure(Trainer trainer, int warmup, int iterations) {
        if (warmup < 0 || iterations <= 0) {
            throw new IllegalArgumentException("need warm-up ≥ 0 and iterations > 0, got " + warmup + ", "
                    + iterations);
        }
        if (warmup > 0) {
            trainer.trainIterations(0, 0, warmup);
        }
        IterationStats timed = trainer.trainIterations(0, warmup, iterations);
        return new Result(iterations, timed.seconds(), timed.loaderWaitSeconds());
    }
}
