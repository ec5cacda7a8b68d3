package org.voxarch.cli;

import org.voxarch.runtime.data.Progress;

/** A one-line progress indicator on stderr for long steps (preprocessing, prediction). */
final class ConsoleProgress implements Progress {
    /** Whether a bar was drawn and its line not ended yet: a message printed now would follow the bar. */
    private static volatile boolean lineOpen;
    private final String label;
    private final long start = System.nanoTime();
    private long lastPrint;

    ConsoleProgress(String label) {
        this.label = label;
    }

    @Override
    public void update(long done, long total) {
        long now = System.nanoTime();
        if (done < total && now - lastPrint < 1_000_000_000L) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        double eta = done == 0 ? 0 : seconds / done * (total - done);
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        String bar = "=".repeat(filled) + " ".repeat(width - filled);
        System.err.printf("\r%s [%s] %d/%d  %.0fs elapsed, ETA %.0fs ", label, bar, done, total, seconds, eta);
        lineOpen = done < total;
        if (!lineOpen) {
            System.err.println();
        }
    }

    /** Ends a bar's unfinished line, so that an error after it starts a line of its own. */
    static void endLine() {
        if (lineOpen) {
            lineOpen = false;
            System.err.println();
        }
    }
}
