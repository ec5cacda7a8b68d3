package org.voxarch.compiler.builtins;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.builtins.Builtin.Family;
import org.voxarch.compiler.model.Value;

/** Functions on plain values, usable everywhere: {@code prod}, {@code len}, {@code range}, {@code floor}... */
final class ValueFunctions {
    private ValueFunctions() {
    }

    static List<Builtin> all() {
        List<Builtin> out = new ArrayList<>();
        out.add(new Builtin("range", Family.VALUE, Signature.of(1, "start", "end", "step"),
                ValueFunctions::range, (a, s, c) -> JavaExpr.atom(rangeStream(a.stream().map(JavaExpr::java)
                .toList(), c) + ".toArray()", ValueKind.INTS)));
        for (String fn : List.of("all", "any")) {
            out.add(new Builtin(fn, Family.VALUE, Signature.of(1, "bools"), (args, s) -> allAny(fn, args, s),
                    (a, s, c) -> JavaExpr.atom(c.values() + fn + "(" + a.get(0).java() + ")", ValueKind.BOOL)));
        }
        out.add(new Builtin("len", Family.VALUE, Signature.of(1, "list"), (args, s) -> {
            if (args.get(0) instanceof Value.ListOf l) {
                return new Value.Int(l.items().size());
            }
            throw new ArchError(s.at(), "len takes one list");
        }, (a, s, c) -> JavaExpr.of("(long) " + a.get(0).wrapAtom() + ".length", ValueKind.INT, JavaExpr.UNARY)));
        for (String fn : List.of("prod", "sum")) {
            out.add(new Builtin(fn, Family.VALUE, Signature.of(1, "numbers"), (args, s) -> prodSum(fn, args, s),
                    (a, s, c) -> JavaExpr.atom(c.values() + fn + "(" + a.get(0).java() + ")",
                            a.get(0).kind().element())));
        }
        for (String fn : List.of("min", "max")) {
            out.add(new Builtin(fn, Family.VALUE, Signature.variadic(1, "a", "b"), (args, s) -> minMax(fn, args, s),
                    (a, s, c) -> minMaxJava(fn, a, c)));
        }
        out.add(number("sqrt", x -> new Value.Float(Math.sqrt(Numbers.asDouble(x))),
                (x, c) -> JavaExpr.atom(c.math() + "sqrt(" + x.java() + ")", ValueKind.FLOAT)));
        out.add(number("abs", x -> x instanceof Value.Int i ? new Value.Int(Math.abs(i.value()))
                : new Value.Float(Math.abs(Numbers.asDouble(x))),
                (x, c) -> JavaExpr.atom(c.math() + "abs(" + x.java() + ")", x.kind())));
        out.add(number("floor", x -> new Value.Int((long) Math.floor(Numbers.asDouble(x))),
                (x, c) -> JavaExpr.of("(long) " + c.math() + "floor(" + x.java() + ")", ValueKind.INT,
                        JavaExpr.UNARY)));
        out.add(number("ceil", x -> new Value.Int((long) Math.ceil(Numbers.asDouble(x))),
                (x, c) -> JavaExpr.of("(long) " + c.math() + "ceil(" + x.java() + ")", ValueKind.INT,
                        JavaExpr.UNARY)));
        out.add(number("int", x -> new Value.Int((long) Numbers.asDouble(x)),
                (x, c) -> JavaExpr.of("(long) " + x.wrapAtom(), ValueKind.INT, JavaExpr.UNARY)));
        out.add(number("float", x -> new Value.Float(Numbers.asDouble(x)),
                (x, c) -> JavaExpr.of("(double) " + x.wrapAtom(), ValueKind.FLOAT, JavaExpr.UNARY)));
        return out;
    }

    /**
     * {@code range(a, b)} as a Java LongStream (also what a comprehension over a list iterates). Both sides make
     * the same items: start, start + step, ... below end.
     */
    static String rangeStream(List<String> args, JavaClasses c) {
        return switch (args.size()) {
            case 1 -> c.longStream() + "range(0, " + args.get(0) + ")";
            case 2 -> c.longStream() + "range(" + args.get(0) + ", " + args.get(1) + ")";
            default -> c.values() + "range(" + String.join(", ", args) + ")";
        };
    }

    private interface Unary {
        Value apply(Value x);
    }

    private interface UnaryJava {
        JavaExpr apply(JavaExpr x, JavaClasses c);
    }

    /** A function of one number. */
    private static Builtin number(String fn, Unary eval, UnaryJava java) {
        return new Builtin(fn, Family.VALUE, Signature.of(1, "x"), (args, s) -> {
            if (!Numbers.numeric(args.get(0))) {
                throw new ArchError(s.at(), fn + " takes one number");
            }
            return eval.apply(args.get(0));
        }, (a, s, c) -> java.apply(a.get(0), c));
    }

    private static Value range(List<Value> args, Site s) {
        if (!args.stream().allMatch(a -> a instanceof Value.Int)) {
            throw new ArchError(s.at(), "range takes 1 to 3 ints: range(n), range(start, end), range(start, end,"
                    + " step)");
        }
        long start = args.size() == 1 ? 0 : ((Value.Int) args.get(0)).value();
        long end = ((Value.Int) args.get(args.size() == 1 ? 0 : 1)).value();
        long step = args.size() == 3 ? ((Value.Int) args.get(2)).value() : 1;
        if (step <= 0) {
            throw new ArchError(s.at(), "range step must be positive");
        }
        // Counted in double: end - start may not fit in a long.
        double count = Math.max(0, Math.ceil(((double) end - start) / step));
        SizeLimits.checkListLength(count, s.at(), "range");
        List<Value> items = new ArrayList<>();
        for (long k = 0; k < count; k++) {
            items.add(new Value.Int(start + k * step));
        }
        return new Value.ListOf(items);
    }

    private static Value allAny(String fn, List<Value> args, Site s) {
        if (!(args.get(0) instanceof Value.ListOf l) || !l.items().stream().allMatch(v -> v instanceof Value.Bool)) {
            throw new ArchError(s.at(), fn + " takes one list of bools");
        }
        boolean all = fn.equals("all");
        for (Value v : l.items()) {
            if (((Value.Bool) v).value() != all) {
                return new Value.Bool(!all);
            }
        }
        return new Value.Bool(all);
    }

    private static Value prodSum(String fn, List<Value> args, Site s) {
        if (!(args.get(0) instanceof Value.ListOf l)) {
            throw new ArchError(s.at(), fn + " takes one list of numbers");
        }
        if (!l.items().stream().allMatch(Numbers::numeric)) {
            throw new ArchError(s.at(), fn + " takes a list of numbers, got " + l.describe());
        }
        boolean prod = fn.equals("prod");
        if (l.items().stream().allMatch(v -> v instanceof Value.Int)) {
            long acc = prod ? 1 : 0;
            try {
                for (Value v : l.items()) {
                    long x = ((Value.Int) v).value();
                    acc = prod ? Math.multiplyExact(acc, x) : Math.addExact(acc, x);
                }
            } catch (ArithmeticException overflow) {
                throw new ArchError(s.at(), fn + " of " + l + " does not fit in 64 bits");
            }
            return new Value.Int(acc);
        }
        double acc = prod ? 1 : 0;
        for (Value v : l.items()) {
            acc = prod ? acc * Numbers.asDouble(v) : acc + Numbers.asDouble(v);
        }
        return new Value.Float(acc);
    }

    /**
     * The least or greatest of numbers; a float when any of them is one, compared as Java's {@code Math.min} does
     * (NaN wins, -0.0 is less than 0.0), as the Java it becomes.
     */
    private static Value minMax(String fn, List<Value> args, Site s) {
        List<Value> items = args.size() == 1 && args.get(0) instanceof Value.ListOf l ? l.items() : args;
        if (items.isEmpty() || !items.stream().allMatch(Numbers::numeric)) {
            throw new ArchError(s.at(), fn + " takes numbers or one list of numbers");
        }
        boolean min = fn.equals("min");
        if (items.stream().allMatch(v -> v instanceof Value.Int)) {
            long best = ((Value.Int) items.get(0)).value();
            for (Value v : items) {
                long x = ((Value.Int) v).value();
                best = min ? Math.min(best, x) : Math.max(best, x);
            }
            return new Value.Int(best);
        }
        double best = Numbers.asDouble(items.get(0));
        for (Value v : items) {
            best = min ? Math.min(best, Numbers.asDouble(v)) : Math.max(best, Numbers.asDouble(v));
        }
        return new Value.Float(best);
    }

    private static JavaExpr minMaxJava(String fn, List<JavaExpr> a, JavaClasses c) {
        if (a.size() == 1) {
            return JavaExpr.atom(c.values() + fn + "(" + a.get(0).java() + ")", a.get(0).kind().element());
        }
        // Math.min takes two: min(a, b, c) is Math.min(Math.min(a, b), c).
        JavaExpr acc = a.get(0);
        for (JavaExpr next : a.subList(1, a.size())) {
            ValueKind kind = acc.kind() == ValueKind.FLOAT || next.kind() == ValueKind.FLOAT ? ValueKind.FLOAT
                    : ValueKind.INT;
            acc = JavaExpr.atom(c.math() + fn + "(" + acc.java() + ", " + next.java() + ")", kind);
        }
        return acc;
    }
}
