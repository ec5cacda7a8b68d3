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
        return Arrays.stream(values).sum();
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

    /**
     * The spec's {@code **} on two ints where an int is expected, as the compiler evaluates it: a negative exponent
     * makes a float (the compiler writes {@code Math.pow} where a float is expected), so here it is an error.
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

    /** A state-dict path: {@code path("decoder5", "decoder_block", 0)} is {@code decoder5.decoder_block.0}. */
    public static String path(String prefix, Object... parts) {
        StringBuilder b = new StringBuilder(prefix);
        for (Object part : parts) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(part);
        }
        return b.toString();
    }

    /** Whether a state-dict path matches a variant's replacement target, {@code *} standing for any one segment. */
    public static boolean matches(String path, String pattern) {
        String[] parts = path.split("\\.", -1);
        String[] wanted = pattern.split("\\.", -1);
        if (parts.length != wanted.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!wanted[i].equals("*") && !wanted[i].equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether the part of {@code path} below the block at {@code owner} matches {@code pattern} (see matches). */
    public static boolean matchesBelow(String owner, String path, String pattern) {
        if (owner.isEmpty()) {
            return matches(path, pattern);
        }
        return path.startsWith(owner + ".") && matches(path.substring(owner.length() + 1), pattern);
    }
}
