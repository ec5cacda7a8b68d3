package org.voxarch.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gaps {@link KnownGaps} lists still fail as described: when one is fixed this test fails, and its spec moves to
 * {@code regressions/} (and the generator or fuzzer stops avoiding it).
 */
class KnownGapsTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> knownGapsStillFail() {
        return Arrays.stream(KnownGaps.values()).map(gap -> DynamicTest.dynamicTest(gap.name(), () -> {
            Path spec = KeptSpecs.list("known-gaps").stream()
                    .filter(f -> f.getFileName().toString().equals(gap.spec())).findFirst().orElseThrow();
            List<String> problems = KeptSpecs.problems(spec, dir.resolve(gap.name()));
            assertTrue(problems.stream().anyMatch(gap::matches),
                    gap + " no longer fails with '" + gap.symptom() + "': " + problems);
        }));
    }

    @Test
    void everyKnownGapSpecIsListed() {
        assertEquals(Arrays.stream(KnownGaps.values()).map(KnownGaps::spec).sorted().toList(),
                KeptSpecs.list("known-gaps").stream().map(f -> f.getFileName().toString()).toList());
    }
}
