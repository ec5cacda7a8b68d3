package org.voxarch.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The differential and fuzzing oracles report what they are for: they are not tests that cannot fail. */
class OraclesCanFailTest {
    private static final SpecGenerator.Spec SPEC = new SpecGenerator.Spec("selftest", """
            network Net(c: int = 2) {
              input x: [B, c, 2, 2, 2]
              conv = Conv3d(c, 4, 1)
              forward(x) {
                y = conv(x)
                return relu(y)
              }
            }
            """, List.of("Net"));

    @TempDir
    Path dir;

    @Test
    void theUnchangedNetworkAgrees() {
        assertEquals(List.of(), DifferentialCheck.run(List.of(SPEC), dir));
    }

    /** Generated code that builds a wider convolution than the compiler inferred is caught three ways. */
    @Test
    void generatedCodeThatDisagreesIsReported() {
        List<DifferentialCheck.Failure> failures = DifferentialCheck.run(List.of(SPEC), dir,
                java -> java.replace("new Conv3d(c, 4,", "new Conv3d(c, 5,"));
        String all = failures.toString();
        assertTrue(all.contains("parameter count: compiler 12, built module 15"), all);
        assertTrue(all.contains("state dict:"), all);
        assertTrue(all.contains("statement shapes of '' (Net): compiler {spec.arch:5=[3, 4, 2, 2, 2]"), all);
    }

    @Test
    void anErrorWithoutPositionIsReported() {
        List<String> problems = FuzzOracle.examine(dir.resolve("missing.arch"), "selftest.missing").problems();
        assertTrue(problems.get(0).startsWith("check: an error without file:line:col: ")
                && problems.get(0).contains("missing.arch: error: cannot read file"), problems.toString());
    }
}
