package org.voxarch.tests.fuzz;

import java.util.regex.Pattern;

/**
 * Failures the fuzzer and the generator found that are not fixed yet, in one place. Each has a spec under
 * {@code known-gaps/} that {@link KnownGapsTest} asserts still fails with the symptom given here, so fixing one
 * forces moving its spec to {@code regressions/} (and removing its entry and whatever avoids it).
 */
enum KnownGaps {
    /**
     * A float passed for an int layer argument in a branch the defaults do not take ({@code if aux { head =
     * Conv3d(c, 0.5, 1) }}) passes {@code check}; the generated Java passes a double for a long. The fuzzer counts
     * such javac errors apart instead of failing on them ({@link #excuses}).
     */
    FLOAT_FOR_INT_IN_UNTAKEN_BRANCH("float-for-int-in-untaken-branch.arch",
            "double (cannot be converted )?to long"),
    /**
     * The same root (code the elaborator never reaches is not type-checked) for a parameter default that no call
     * uses ({@code gate: bool = true + true}, every call passing {@code gate}): the block's generated default
     * constant does not compile. Counted apart like the one above.
     */
    UNUSED_DEFAULT_NOT_CHECKED("bool-arithmetic-in-a-default-no-call-uses.arch", "bad operand types"),
    /**
     * Lists of lists ({@code [[i * j for j in range(3)] for i in range(3)]}) pass {@code check}, and their
     * generated Java builds a {@code long[]} where a {@code long} is wanted (issue 14 lists nested lists).
     */
    NESTED_LIST_COMPREHENSION("nested-list-comprehension.arch", "long\\[\\] cannot be converted to long");

    private final String spec;
    private final String symptom;

    KnownGaps(String spec, String symptom) {
        this.spec = spec;
        this.symptom = symptom;
    }

    /** The file under {@code known-gaps/} that shows the gap. */
    String spec() {
        return spec;
    }

    /** A regular expression every failure of this gap matches somewhere. */
    String symptom() {
        return symptom;
    }

    boolean matches(String problem) {
        return Pattern.compile(symptom).matcher(problem).find();
    }

    /** Whether a fuzzing failure is a known gap that the fuzzer counts rather than fails on. */
    static boolean excuses(String problem) {
        return FLOAT_FOR_INT_IN_UNTAKEN_BRANCH.matches(problem) || UNUSED_DEFAULT_NOT_CHECKED.matches(problem)
                || NESTED_LIST_COMPREHENSION.matches(problem);
    }
}
