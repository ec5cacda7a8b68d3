package org.voxarch.runtime.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.voxarch.runtime.io.AtomicFiles;

/**
 * The per-epoch CSV log: {@code epoch,train_loss,val_loss,val_dice,ema_dice,lr,seconds}. Rewritten whole (and
 * atomically) from the history after every epoch, so after a resume it holds exactly the checkpoint's epochs.
 */
public final class CsvLog {
    /** The log's file name in the output directory. */
    public static final String FILE_NAME = "training_log.csv";
    /** The first line. */
    public static final String HEADER = "epoch,train_loss,val_loss,val_dice,ema_dice,lr,seconds";

    private CsvLog() {
    }

    /** @return the log's text: the header, then one line per epoch */
    public static String format(List<EpochRecord> epochs) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (EpochRecord e : epochs) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%.3f%n", e.epoch(), number(e.trainLoss()),
                    number(e.validationLoss()), number(e.validationDice()), number(e.emaDice()),
                    number(e.learningRate()), e.seconds()));
        }
        return sb.toString();
    }

    /** Writes the log for {@code epochs} to {@code file}, replacing it atomically. */
    public static void write(Path file, List<EpochRecord> epochs) throws IOException {
        AtomicFiles.writeString(file, format(epochs));
    }

    /** Full precision (round-trippable), empty for an undefined value. */
    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
