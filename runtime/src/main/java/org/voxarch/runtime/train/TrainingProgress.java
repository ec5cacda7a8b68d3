package org.voxarch.runtime.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The per-epoch progress bar on stderr: iterations done, ETA, and the running loss, learning rate and seconds per
 * iteration. ASCII only. On a terminal it redraws one line in place; otherwise (CI logs) it prints a plain line
 * every {@value #LOG_INTERVAL_MS} ms instead of carriage-return updates.
 */
final class TrainingProgress implements AutoCloseable {
    private static final int TERMINAL_INTERVAL_MS = 500;
    private static final int LOG_INTERVAL_MS = 30_000;
    // A fixed width: asking the terminal (through jline) prints warnings in CI and costs start-up time.
    private static final int WIDTH = 120;

    private final ProgressBar bar;
    private final long startNanos = System.nanoTime();
    private double lossSum;
    private int steps;

    private TrainingProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar for one epoch, or a silent stand-in when {@code enabled} is false. */
    static TrainingProgress start(boolean enabled, int epoch, int epochs, int iterations, PrintStream out) {
        if (!enabled) {
            return new TrainingProgress(null);
        }
        boolean terminal = System.console() != null;
        ProgressBarConsumer consumer = terminal ? new ConsoleProgressBarConsumer(out, WIDTH)
                : new DelegatingProgressBarConsumer(new NewLinesOnly(out), WIDTH);
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs))
                .setInitialMax(iterations)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(consumer)
                .setUpdateIntervalMillis(terminal ? TERMINAL_INTERVAL_MS : LOG_INTERVAL_MS)
                .build();
        return new TrainingProgress(bar);
    }

    /** One iteration done with {@code loss} at {@code learningRate}. */
    void step(double loss, double learningRate) {
        lossSum += loss;
        steps++;
        if (bar != null) {
            double secondsPerIteration = (System.nanoTime() - startNanos) / 1e9 / steps;
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f lr %.3g %.2f s/it", lossSum / steps,
                    learningRate, secondsPerIteration));
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /** Prints a rendered bar unless it repeats the previous line (closing a bar renders it once more). */
    private static final class NewLinesOnly implements Consumer<String> {
        private final PrintStream out;
        private String last = "";

        NewLinesOnly(PrintStream out) {
            this.out = out;
        }

        @Override
        public void accept(String line) {
            if (!line.equals(last)) {
                out.println(line);
                last = line;
            }
        }
    }
}
