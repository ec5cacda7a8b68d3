package org.voxarch.tests.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.voxarch.tests.CliRun;

/**
 * What the volume fuzzer (issue 11) asks of a command that reads data, for any input: it ends within a time and an
 * allocation limit; it succeeds, or fails with exit code 1 and one {@code error:} line that names the file concerned
 * (no stack trace, no "internal error", no {@code OutOfMemoryError}); the inputs are unchanged; and the outputs
 * are as they were when it fails (nothing partial), while files it was not asked to write stay as they were.
 */
final class DataCommandOracle {
    /** CPU time of the command's thread beyond which it counts as a hang (ten times as much wall time). */
    static final long TIME_LIMIT_MS = Long.getLong("voxarch.volfuzz.timeLimitMs", 20_000);
    /** Bytes the command's thread may allocate before it counts as a runaway. */
    static final long ALLOCATION_LIMIT = Long.getLong("voxarch.volfuzz.allocationLimit", 1L << 30);

    /** A command and the folders it reads and writes. */
    record Command(List<String> args, List<Path> inputs, List<Path> outputs, List<Path> keptOutputs) {}

    /** Exit code, what it printed, and the problems found (empty when the oracle is satisfied). */
    record Outcome(int exitCode, String err, List<String> problems) {
        boolean accepted() {
            return exitCode == 0 && problems.isEmpty();
        }
    }

    private DataCommandOracle() {
    }

    /**
     * @param blame names (file names or paths) one of which a refusal must mention
     */
    static Outcome run(Command command, List<String> blame) {
        Map<Path, String> inputsBefore = snapshot(command.inputs());
        Map<Path, String> outputsBefore = snapshot(command.outputs());
        Map<Path, String> keptBefore = snapshot(command.keptOutputs());
        List<String> problems = new ArrayList<>();
        AtomicReference<Object> result = new AtomicReference<>();
        String stopped = watch(() -> {
            try {
                result.set(captured(command.args()));
            } catch (Throwable t) {
                result.set(t);
            }
        }, "volfuzz-" + command.args().get(0));
        if (stopped != null) {
            problems.add(stopped);
            return new Outcome(-1, "", problems);
        }
        if (result.get() instanceof Throwable t) {
            problems.add("threw " + DifferentialCheck.trace(t));
            return new Outcome(-1, "", problems);
        }
        String[] printed = (String[]) result.get();
        int code = Integer.parseInt(printed[0]);
        String err = printed[1];
        if (code == 1) {
            requireOneMessage(err, blame, problems);
            if (!outputsBefore.equals(snapshot(command.outputs()))) {
                problems.add("failed but changed its outputs: " + difference(outputsBefore,
                        snapshot(command.outputs())));
            }
        } else if (code != 0) {
            problems.add("exit code " + code + ": " + firstLines(err));
        }
        if (err.contains("OutOfMemoryError") || err.contains("internal error") || err.contains("\tat ")) {
            problems.add("printed " + firstLines(err));
        }
        if (!inputsBefore.equals(snapshot(command.inputs()))) {
            problems.add("changed an input: " + difference(inputsBefore, snapshot(command.inputs())));
        }
        if (!keptBefore.equals(snapshot(command.keptOutputs()))) {
            problems.add("changed a file it was not asked to write: " + difference(keptBefore,
                    snapshot(command.keptOutputs())));
        }
        return new Outcome(code, err, problems);
    }

    /** Exactly one {@code error:} line naming one of {@code blame}, besides progress bars and warnings. */
    private static void requireOneMessage(String err, List<String> blame, List<String> problems) {
        List<String> lines = new ArrayList<>();
        for (String line : err.split("\n")) {
            String last = line.substring(line.lastIndexOf('\r') + 1).strip();
            if (!last.isEmpty() && !last.contains(" elapsed, ETA ") && !last.startsWith("warning: ")) {
                lines.add(last);
            }
        }
        if (lines.size() != 1 || !lines.get(0).startsWith("error: ")) {
            problems.add("expected one error line, got: " + firstLines(err));
            return;
        }
        String message = lines.get(0);
        if (blame.stream().noneMatch(message::contains)) {
            problems.add("the message names none of " + blame + ": " + message);
        }
        if (message.contains("Exception") || message.contains("java.") || message.contains("(null)")
                || message.endsWith(": null")) {
            problems.add("the message leaks an exception: " + message);
        }
    }

    /** Runs the CLI in this thread; returns its exit code and stderr. */
    private static String[] captured(List<String> args) {
        CliRun run = CliRun.of(args.toArray(String[]::new));
        return new String[] {Integer.toString(run.exitCode()), run.err()};
    }

    private static String watch(Runnable work, String name) {
        return WatchedThread.run(work, name, TIME_LIMIT_MS, ALLOCATION_LIMIT);
    }

    /** Every file under the given paths (a path may be a file, a folder or absent), with a digest of its bytes. */
    static Map<Path, String> snapshot(List<Path> roots) {
        Map<Path, String> out = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.toList()) {
                    out.put(p, Files.isDirectory(p) ? "folder" : digest(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static String digest(Path file) throws IOException {
        try {
            return Arrays.toString(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String difference(Map<Path, String> before, Map<Path, String> after) {
        List<String> out = new ArrayList<>();
        before.forEach((p, d) -> {
            if (!after.containsKey(p)) {
                out.add("removed " + p.getFileName());
            } else if (!after.get(p).equals(d)) {
                out.add("changed " + p.getFileName());
            }
        });
        after.keySet().stream().filter(p -> !before.containsKey(p)).forEach(p -> out.add("added " + p.getFileName()));
        return String.join(", ", out.subList(0, Math.min(out.size(), 8)));
    }

    private static String firstLines(String err) {
        String s = err.strip();
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }
}
