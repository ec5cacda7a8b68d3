package org.voxarch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.voxarch.runtime.train.Trainer;
import org.voxarch.runtime.train.TrainingCheckpoint;

/**
 * One ablation member's folder, {@code DIR/members/NAME}: a {@code voxarch train} run folder whose test-case
 * segmentations ({@code predictions/}) and scores ({@code evaluation/}) are added by {@code predict} and
 * {@code evaluate}. Each step is skipped when its result is already there, and training always resumes from the
 * last checkpoint, so a killed ablation picks up where it stopped.
 */
final class MemberRun {
    static final String MEMBERS = "members";
    static final String EVALUATION = "evaluation";
    static final String PREDICTIONS = "predictions";
    static final String SCORES = "evaluation.csv";

    private final String name;
    private final Path dir;

    MemberRun(Path ablationDir, String name) {
        this.name = name;
        this.dir = ablationDir.resolve(MEMBERS).resolve(name);
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    /** Scores written: the member is finished. */
    boolean scored() {
        return Files.isRegularFile(scores());
    }

    Path scores() {
        return dir.resolve(EVALUATION).resolve(SCORES);
    }

    /** Final weights written: training is finished (the trainer writes them last, atomically). */
    boolean trained() {
        return Files.isRegularFile(dir.resolve(Trainer.FINAL_WEIGHTS));
    }

    /** How far an earlier run got, for the progress line: "" for a new member. */
    String state() {
        if (scored()) {
            return " (finished earlier, skipped)";
        }
        if (trained()) {
            return " (trained earlier; scoring)";
        }
        Path checkpoint = dir.resolve(TrainingCheckpoint.LATEST);
        return Files.isRegularFile(checkpoint) ? " (resuming at epoch "
                + (TrainingCheckpoint.readState(checkpoint).nextEpoch() + 1) + ")" : "";
    }

    /**
     * Trains (or resumes), segments the test cases and scores them, skipping what is done.
     *
     * @return 0, or the exit code of the step that failed
     */
    int complete(Path spec, AblationTrainingOptions options) throws IOException {
        if (!trained()) {
            List<String> train = new ArrayList<>(List.of("train", "--spec", spec.toString(), "--model", name,
                    "-o", dir.toString(), "--resume"));
            train.addAll(options.trainArguments());
            int status = run(train);
            if (status != 0) {
                return status;
            }
        }
        Path predictions = dir.resolve(PREDICTIONS);
        List<String> predict = new ArrayList<>(List.of("predict", "--run", dir.toString(), "--input",
                options.requireData().toString(), "-o", predictions.toString()));
        if (!options.mirror) {
            predict.add("--no-mirror");
        }
        if (options.schedule.threads != null) {
            predict.addAll(List.of("--threads", options.schedule.threads.toString()));
        }
        int status = run(predict);
        if (status != 0) {
            return status;
        }
        Files.createDirectories(scores().getParent());
        return run(List.of("evaluate", "--pred", predictions.toString(), "--truth", options.requireData().toString(),
                "--run", dir.toString(), "-o", scores().getParent().toString()));
    }

    private static int run(List<String> args) {
        return Main.commandLine().execute(args.toArray(String[]::new));
    }
}
