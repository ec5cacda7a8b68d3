package org.voxarch.tests.fuzz;

import java.util.regex.Pattern;

/**
 * Failures the fuzzer and the generator found that are not fixed yet, in one place. Each has a spec under
 * {@code known-gaps/} that {@link KnownGapsTest} asserts still fails with the symptom given here, so fixing one
 * forces moving its spec to {@code regressions/} (and removing its entry and whatever avoids it).
 */
enum KnownGaps {
    // None known. The last three (a float for an int in a branch not taken, a default no call uses, lists of lists)
    // were fixed by eval.StaticTypes and the evaluator's refusal of lists of lists; their specs are in regressions/.
    ;

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
        return java.util.Arrays.stream(values()).anyMatch(gap -> gap.matches(problem));
    }
}
