package org.voxarch.runtime.nn;

import java.util.Arrays;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/** The arithmetic of spec values in generated constructors: sizes, products, powers and requirements. */
public final class Values {
    private Values() {
    }

    /** One size for all three axes: {@code triple(2)} is {@code [2, 2, 2]}. */
    public static long[] triple(long size) {
        return new long[] {size, size, size};
    }

    public static long prod(long[] values) {
        long p = 1;
        for (long v : values) {
            p = Math.multiplyExact(p, v);
        }
        return p;
    }

    public static double prod(double[] values) {
        double p = 1;
        for (double v : values) {
            p *= v;
        }
        return p;
    }

    public static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s = Math.addExact(s, v);
        }
        return s;
    }

    public static double sum(double[] values) {
        return Arrays.stream(values).sum();
    }

    public static long min(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    public static long max(long[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    public static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    public static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    /** The spec's {@code /} on ints: floored as in Python ({@code -7 / 2 == -4}); zero and overflow are errors. */
    public static long floorDiv(long a, long b) {
        if (a == Long.MIN_VALUE && b == -1) {
            throw new ArithmeticException(a + " / " + b + " does not fit in 64 bits");
        }
        return Math.floorDiv(a, b);
    }

    /** The spec's {@code %} on ints: the sign of the divisor, as in Python ({@code -7 % 2 == 1}). */
    public static long floorMod(long a, long b) {
        return Math.floorMod(a, b);
    }

    /** The spec's {@code %} with a float: the sign of the divisor, as in Python ({@code -7.5 % 2 == 0.5}). */
    public static double floorMod(double a, double b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero: " + a + " % " + b);
        }
        double r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }

    /** The spec's {@code /} with a float: true division, where dividing by zero is an error as in the compiler. */
    public static double divide(double a, double b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero: " + a + " / " + b);
        }
        return a / b;
    }

    /**
     * The spec's {@code **} on two ints whose exponent is known to be a natural number (else the compiler writes
     * {@code Math.pow}, a float, as it evaluates it); overflow is an error.
     */
    public static long pow(long base, long exponent) {
        if (exponent < 0) {
            throw new ArithmeticException(base + " ** " + exponent + " is not an int (negative exponent)");
        }
        if (base == 0 || base == 1) {
            return exponent == 0 ? 1 : base;
        }
        if (base == -1) {
            return exponent % 2 == 0 ? 1 : -1;
        }
        long result = 1;
        for (long i = 0; i < exponent; i++) {
            // |base| >= 2 overflows within 64 steps.
            result = Math.multiplyExact(result, base);
        }
        return result;
    }

    public static LongStream range(long start, long end, long step) {
        if (step <= 0) {
            throw new IllegalArgumentException("range step must be positive, got " + step);
        }
        return LongStream.iterate(start, i -> i < end, i -> i + step);
    }

    public static long[] concat(long[]... parts) {
        return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
    }

    public static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
    }

    public static boolean[] booleans(Stream<Boolean> values) {
        Boolean[] boxed = values.toArray(Boolean[]::new);
        boolean[] out = new boolean[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    public static boolean all(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }

    public static boolean any(boolean[] values) {
        for (boolean v : values) {
            if (v) {
                return true;
            }
        }
        return false;
    }

    /** A spec's {@code require}: the same check the compiler made, for parameters passed at run time. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
