package org.voxarch.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential testing (issue 8): seeded random well-formed specs, each checked, generated, compiled and run; the
 * built module must agree with the compiler on statement shapes, parameter count and state-dict keys.
 * {@code -Dvoxarch.differential.count=N} sets how many ({@code -Pdifferential} runs more), {@code .seed} the seed.
 * Specs that fail are written to {@code target/differential-failures/} to be kept as regression specs.
 */
class DifferentialTest {
    private static final int BATCH = 100;

    @TempDir
    Path dir;

    @Test
    void generatedSpecsAgreeWithTheirBuiltModules() throws IOException {
        int count = Integer.getInteger("voxarch.differential.count", 500);
        long seed = Long.getLong("voxarch.differential.seed", 20261203L);
        SpecGenerator generator = new SpecGenerator(seed);
        Map<String, SpecGenerator.Spec> specs = new LinkedHashMap<>();
        List<DifferentialCheck.Failure> failures = new ArrayList<>();
        long start = System.nanoTime();
        int networks = 0;
        for (int done = 0; done < count; done += BATCH) {
            List<SpecGenerator.Spec> batch = new ArrayList<>();
            for (int i = done; i < Math.min(count, done + BATCH); i++) {
                SpecGenerator.Spec spec = generator.next("s" + i);
                specs.put(spec.name(), spec);
                batch.add(spec);
                networks += spec.networks().size();
            }
            failures.addAll(DifferentialCheck.run(batch, dir.resolve("batch" + done)));
        }
        System.out.printf("differential: %d specs, %d networks, %d failures, %.1f s%n", count, networks,
                failures.size(), (System.nanoTime() - start) / 1e9);
        Path kept = Path.of("target", "differential-failures");
        StringBuilder report = new StringBuilder();
        for (DifferentialCheck.Failure f : failures) {
            Files.createDirectories(kept);
            Files.writeString(kept.resolve(f.spec() + ".arch"), specs.get(f.spec()).text(), StandardCharsets.UTF_8);
            if (report.length() < 20_000) {
                report.append(f).append("\n--- spec:\n").append(specs.get(f.spec()).text()).append('\n');
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + count + " specs disagree (kept in " + kept + "):\n"
                + report);
    }
}
