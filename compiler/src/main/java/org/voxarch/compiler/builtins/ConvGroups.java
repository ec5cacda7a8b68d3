package org.voxarch.compiler.builtins;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;

/** A grouped convolution's rule: both channel counts divisible by the groups, as PyTorch requires. */
final class ConvGroups {
    private static final int MAX_LISTED = 12;

    private ConvGroups() {
    }

    static void check(Instance layer, long in, long out, long groups, Span at) {
        if (in % groups == 0 && out % groups == 0) {
            return;
        }
        List<String> valid = new ArrayList<>();
        for (long g = 1; g <= Math.min(in, out) && valid.size() <= MAX_LISTED; g++) {
            if (in % g == 0 && out % g == 0) {
                valid.add(Long.toString(g));
            }
        }
        String which = in % groups != 0 ? "in = " + in : "out = " + out;
        throw new ArchError(at, layer.typeName() + " needs in and out channels divisible by groups, but " + which
                + " is not divisible by " + groups + " groups")
                .withHelp(valid.size() > MAX_LISTED ? null : valid.size() == 1
                        ? "only groups = 1 divides both " + in + " and " + out
                        : "the group counts that divide both " + in + " and " + out + " are "
                        + String.join(", ", valid.subList(0, valid.size() - 1)) + " and " + valid.get(valid.size() - 1));
    }
}
