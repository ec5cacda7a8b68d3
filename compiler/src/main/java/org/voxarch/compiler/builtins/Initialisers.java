package org.voxarch.compiler.builtins;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.builtins.Builtin.Family;
import org.voxarch.compiler.model.Value;

/**
 * Initialisers, usable as {@code init = ...} of a parameter and in init rules. They evaluate to a description of
 * how a tensor is filled; they are not Java expressions (no emission): the code generator writes them as statements
 * on the tensor being created ({@code Params.uniform(lo, hi, dims)}, {@code Init.uniform(weight, lo, hi)}).
 */
final class Initialisers {
    private Initialisers() {
    }

    static List<Builtin> all() {
        return List.of(
                initialiser("zeros", Signature.of(0)),
                initialiser("ones", Signature.of(0)),
                initialiser("default", Signature.of(0)),
                initialiser("constant", Signature.of(1, "value")),
                initialiser("uniform", Signature.of(2, "low", "high")),
                initialiser("normal", Signature.of(1, "mean_or_std", "std")),
                initialiser("trunc_normal", Signature.of(1, "std")));
    }

    private static Builtin initialiser(String fn, Signature signature) {
        return new Builtin(fn, Family.INITIALISER, signature, (args, s) -> {
            List<Double> values = new ArrayList<>();
            for (Value v : args) {
                if (!Numbers.numeric(v)) {
                    throw new ArchError(s.at(), fn + " takes numbers, got " + v.describe());
                }
                values.add(Numbers.asDouble(v));
            }
            checkRange(fn, args, values, s);
            return new Value.Init(fn, values);
        }, null);
    }

    /** Ranges libtorch would only refuse when the weights are first initialised. */
    private static void checkRange(String fn, List<Value> args, List<Double> values, Site s) {
        if (fn.equals("uniform") && values.size() == 2 && !(values.get(0) <= values.get(1))) {
            throw new ArchError(s.at(), "uniform(lo, hi) needs lo <= hi, got lo = " + args.get(0) + " and hi = "
                    + args.get(1));
        }
        if ((fn.equals("normal") || fn.equals("trunc_normal")) && !values.isEmpty()
                && !(values.get(values.size() - 1) >= 0)) {
            throw new ArchError(s.at(), fn + " needs a standard deviation of 0 or more, got "
                    + args.get(args.size() - 1));
        }
    }
}
