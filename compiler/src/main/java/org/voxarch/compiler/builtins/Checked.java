package org.voxarch.compiler.builtins;

import java.text.NumberFormat;
import java.util.Locale;
import org.voxarch.compiler.diag.Span;

/**
 * Sizes, element counts, parameter counts and FLOPs in checked arithmetic: a count that does not fit in 64 bits is
 * an error at the expression that makes it, never a wrapped (negative) number.
 */
public final class Checked {
    private Checked() {
    }

    /** The product of {@code factors}, or an error at {@code at} naming {@code what} and the limit. */
    public static long product(Span at, String what, long... factors) {
        long p = 1;
        try {
            for (long f : factors) {
                p = Math.multiplyExact(p, f);
            }
            return p;
        } catch (ArithmeticException overflow) {
            throw tooLarge(at, what);
        }
    }

    public static long sum(Span at, String what, long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException overflow) {
            throw tooLarge(at, what);
        }
    }

    public static ArchError tooLarge(Span at, String what) {
        return new ArchError(at, what + " does not fit in 64 bits (the largest count is "
                + NumberFormat.getIntegerInstance(Locale.ROOT).format(Long.MAX_VALUE) + ")");
    }
}
