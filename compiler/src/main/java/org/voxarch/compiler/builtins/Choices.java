package org.voxarch.compiler.builtins;

import java.util.List;
import java.util.stream.Collectors;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.diag.Suggest;
import org.voxarch.compiler.model.Value;

/** String options with a fixed set of values ({@code GELU(approximate = "tanh")}, {@code pad(..., "reflect")}). */
final class Choices {
    static final List<String> GELU_APPROXIMATIONS = List.of("none", "tanh");
    static final List<String> INTERPOLATION_MODES = List.of("nearest", "trilinear");
    static final List<String> PAD_MODES = List.of("constant", "reflect", "replicate");

    private Choices() {
    }

    /**
     * The string {@code v} when it is one of {@code choices}; otherwise an error at {@code at} naming the valid
     * values and the nearest one.
     */
    static String check(Value v, String what, List<String> choices, Span at) {
        String valid = choices.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
        if (!(v instanceof Value.Str s)) {
            throw new ArchError(at, what + " is a string, one of " + valid + ", got " + v.describe());
        }
        if (!choices.contains(s.value())) {
            String close = Suggest.closest(s.value(), choices);
            throw new ArchError(at, what + " must be one of " + valid + ", got \"" + s.value() + "\"")
                    .withHelp(close == null ? null : "did you mean \"" + close + "\"?");
        }
        return s.value();
    }
}
