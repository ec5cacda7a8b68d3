package org.voxarch.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every input the differential tester or the fuzzer ever failed on passes its oracle now. */
class RegressionSpecsTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> keptFailuresNowPass() {
        return KeptSpecs.list("regressions").stream().map(spec -> DynamicTest.dynamicTest(
                spec.getFileName().toString(), () -> assertEquals(List.of(),
                        KeptSpecs.problems(spec, dir.resolve(spec.getFileName().toString())))));
    }

    @Test
    void thereAreRegressionSpecs() {
        assertFalse(KeptSpecs.list("regressions").isEmpty());
    }
}
