package org.voxarch.compiler.builtins;

import java.util.List;

/**
 * The positional parameters of a builtin: their names, how many are required, and whether the last one repeats
 * ({@code max(a, b, ...)}).
 */
public record Signature(List<String> params, int required, boolean variadic) {
    public static Signature of(int required, String... params) {
        return new Signature(List.of(params), required, false);
    }

    public static Signature variadic(int required, String... params) {
        return new Signature(List.of(params), required, true);
    }

    public boolean accepts(int count) {
        return count >= required && (variadic || count <= params.size());
    }

    /** {@code "2 arguments: cat(tensors, axis)"}, for messages. */
    public String describe(String name) {
        String count = variadic ? required + " or more arguments"
                : required == params.size() ? required + (required == 1 ? " argument" : " arguments")
                : required + " to " + params.size() + " arguments";
        return count + ": " + usage(name);
    }

    /** {@code range(start, end, step)}, for messages. */
    public String usage(String name) {
        return name + "(" + String.join(", ", params) + (variadic ? ", ..." : "") + ")";
    }
}
