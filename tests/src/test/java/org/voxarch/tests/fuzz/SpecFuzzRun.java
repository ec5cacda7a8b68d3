package org.voxarch.tests.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One seeded fuzzing run: mutants of the seeds are examined by {@link FuzzOracle}, and the Java generated for the
 * ones {@code check} accepts is compiled in batches. javac is the costly step, so identical generated sources are
 * compiled once and at most {@code javacLines} lines are compiled per run (the count is reported).
 */
final class SpecFuzzRun {
    /** One failing input: its mutated file's bytes, the file name, and what went wrong. */
    record Failure(int index, String file, byte[] text, String what) {}

    private static final int JAVAC_BATCH = 50;

    private final Path dir;
    private final long javacLines;
    final List<Failure> failures = new ArrayList<>();
    int accepted;
    int compiled;
    int skippedJavac;
    int knownGaps;

    SpecFuzzRun(Path dir, long javacLines) {
        this.dir = dir;
        this.javacLines = javacLines;
    }

    void run(List<FuzzSeeds.Seed> seeds, int count, long seed) {
        Random random = new Random(seed);
        SpecMutator mutator = new SpecMutator(seed);
        Set<String> compiledOnce = new HashSet<>();
        Map<String, String> pendingSources = new LinkedHashMap<>();
        Map<String, Failure> owners = new LinkedHashMap<>();
        long lines = 0;
        for (int i = 0; i < count; i++) {
            FuzzSeeds.Seed s = seeds.get(random.nextInt(seeds.size()));
            List<String> names = new ArrayList<>(s.files().keySet());
            String mutated = names.get(random.nextInt(names.size()));
            byte[] mutant = mutator.mutate(s.files().get(mutated));
            Path inputDir = dir.resolve("i" + i);
            write(inputDir, s, mutated, mutant);
            String pkg = "fuzz.i" + i;
            FuzzOracle.Result result = FuzzOracle.examine(inputDir.resolve(s.main()), pkg);
            Failure input = new Failure(i, mutated, mutant, null);
            if (result.failed()) {
                failures.add(new Failure(i, mutated, mutant, String.join("\n", result.problems())));
                continue;
            }
            if (result.sources().isEmpty()) {
                continue;
            }
            accepted++;
            // An input's files reference one another (the spec file's class, the stdlib's): they are compiled
            // together, and skipped together when an earlier input gave the same sources.
            StringBuilder unpackaged = new StringBuilder();
            result.sources().forEach((file, source) -> unpackaged.append(file).append('\n')
                    .append(source.replace(pkg, "")));
            if (!compiledOnce.add(unpackaged.toString())) {
                continue;
            }
            for (Map.Entry<String, String> e : result.sources().entrySet()) {
                long size = e.getValue().lines().count();
                if (lines + size > javacLines) {
                    skippedJavac++;
                    continue;
                }
                lines += size;
                pendingSources.put(e.getKey(), e.getValue());
                owners.put(e.getKey(), input);
            }
            if (pendingSources.size() >= JAVAC_BATCH) {
                javac(pendingSources, owners);
            }
        }
        javac(pendingSources, owners);
    }

    private void javac(Map<String, String> sources, Map<String, Failure> owners) {
        if (sources.isEmpty()) {
            return;
        }
        Path javacDir = dir.resolve("javac" + compiled);
        BatchJavac.Result result = BatchJavac.compile(sources, javacDir);
        compiled += sources.size();
        // An input with a known gap in one file is counted once; its other files fail as a consequence (they use
        // the class that did not compile).
        java.util.Set<Failure> excused = new java.util.HashSet<>();
        for (String relative : sources.keySet()) {
            String errors = result.errors().get(javacDir.resolve("src").resolve(relative));
            if (errors != null && KnownGaps.excuses(errors) && excused.add(owners.get(relative))) {
                knownGaps++;
            }
        }
        for (String relative : sources.keySet()) {
            String errors = result.errors().get(javacDir.resolve("src").resolve(relative));
            if (errors != null && !excused.contains(owners.get(relative))) {
                Failure owner = owners.get(relative);
                failures.add(new Failure(owner.index(), owner.file(), owner.text(),
                        "check passes but the generated " + relative + " does not compile:\n" + errors));
            }
        }
        sources.clear();
        owners.clear();
    }

    private static void write(Path inputDir, FuzzSeeds.Seed seed, String mutated, byte[] mutant) {
        try {
            Files.createDirectories(inputDir);
            for (Map.Entry<String, String> f : seed.files().entrySet()) {
                Files.write(inputDir.resolve(f.getKey()), f.getKey().equals(mutated) ? mutant
                        : f.getValue().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
