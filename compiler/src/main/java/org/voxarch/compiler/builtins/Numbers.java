package org.voxarch.compiler.builtins;

import org.voxarch.compiler.model.Value;

/** Arithmetic on spec values shared by the builtins (the runtime's {@code Values} computes the same in Java). */
public final class Numbers {
    private Numbers() {
    }

    public static boolean numeric(Value v) {
        return v instanceof Value.Int || v instanceof Value.Float;
    }

    public static double asDouble(Value v) {
        return v instanceof Value.Int i ? i.value() : ((Value.Float) v).value();
    }

    /** {@code base ** exp} for exp >= 0; throws ArithmeticException when it overflows. */
    static long power(long base, long exp) {
        if (base == 0 || base == 1) {
            return exp == 0 ? 1 : base;
        }
        if (base == -1) {
            return exp % 2 == 0 ? 1 : -1;
        }
        long result = 1;
        for (long i = 0; i < exp; i++) {
            // |base| >= 2 overflows within 64 steps.
            result = Math.multiplyExact(result, base);
        }
        return result;
    }

    /** Python's float modulo: the result has the sign of the divisor ({@code -7.5 % 2 == 0.5}). */
    static double floorMod(double a, double b) {
        double r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }
}
