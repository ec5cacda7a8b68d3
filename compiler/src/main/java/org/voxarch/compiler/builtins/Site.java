package org.voxarch.compiler.builtins;

import java.util.List;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.diag.Span;

/**
 * Where a builtin is applied: the call or operator expression (errors point there), its operand expressions (for
 * notes such as "the divisor n is 0"; empty when there is no source), whether the exponent of a {@code **} is
 * known to be a natural number (see {@link Exponents}), and where FLOPs are counted.
 */
public record Site(Span at, List<Expr> operands, boolean naturalExponent, FlopSink flops) {
    public static Site at(Span at, FlopSink flops) {
        return new Site(at, List.of(), false, flops);
    }

    /** The source of operand {@code i}, or null when not known. */
    public Expr operand(int i) {
        return i < operands.size() ? operands.get(i) : null;
    }
}
