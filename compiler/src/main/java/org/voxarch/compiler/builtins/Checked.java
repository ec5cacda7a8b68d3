package org.voxarch.compiler.builtins;

import java.text.NumberFormat;
import java.util.Locale;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Shape;

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

    /** The element count of one sample of {@code shape}. */
    public static long numel(Span at, Shape shape) {
        try {
            return shape.numelPerSample();
        } catch (ArithmeticException overflow) {
            throw tooLarge(at, "the element count of " + shape);
        }
    }

    /** Adds FLOPs to a layer or block at a call. */
    public static void addFlops(Instance owner, Span at, long flops) {
        try {
            owner.addFlops(flops);
        } catch (ArithmeticException overflow) {
            throw tooLarge(at, "the FLOPs of " + owner.typeName());
        }
    }

    /**
     * Checks the totals of a network's tree (parameters, FLOPs per sample) fit in a long; an error points at the
     * module whose count makes the total overflow.
     */
    public static void totals(Instance root) {
        parameters(root);
        flops(root);
    }

    private static long parameters(Instance m) {
        if (m.kind() == Instance.Kind.PARAM) {
            return product(m.createdAt(), "the parameter count of " + m.path() + " "
                    + java.util.Arrays.toString(m.tensorShape()), m.tensorShape());
        }
        long total = 0;
        for (Instance.Entry e : m.entries()) {
            if (!e.alias()) {
                total = sum(e.child().createdAt(), "the parameter count up to " + e.child().path(), total,
                        parameters(e.child()));
            }
        }
        return total;
    }

    private static long flops(Instance m) {
        long total = m.ownFlops();
        for (Instance.Entry e : m.entries()) {
            if (!e.alias()) {
                total = sum(e.child().createdAt(), "the FLOPs up to " + e.child().path(), total, flops(e.child()));
            }
        }
        return total;
    }

    public static ArchError tooLarge(Span at, String what) {
        return new ArchError(at, what + " does not fit in 64 bits (the largest count is "
                + NumberFormat.getIntegerInstance(Locale.ROOT).format(Long.MAX_VALUE) + ")");
    }
}
