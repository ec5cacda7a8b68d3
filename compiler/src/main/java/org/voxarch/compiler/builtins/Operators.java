package org.voxarch.compiler.builtins;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.builtins.Builtin.Family;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;

/**
 * The operators. Their meaning, the same at compile time and in generated Java:
 * <ul>
 * <li>ints give ints: {@code + - *} checked for overflow, {@code /} and {@code %} floored as in Python
 * ({@code -7 / 2 == -4}, {@code -7 % 2 == 1}), division by zero an error;</li>
 * <li>an int with a float gives a float: {@code /} is then true division and {@code %} Python's (the sign of the
 * divisor);</li>
 * <li>{@code a ** b} on ints is an int when the exponent is known to be a natural number (a literal, a variable of
 * a comprehension over {@code range}, see {@link Exponents}), else a float ({@code 2 ** -1 == 0.5}), whatever
 * the values: so generated Java, whose types cannot depend on values, computes the same;</li>
 * <li>on tensors, {@code + - * /} broadcast and {@code @} is a batched matrix product;</li>
 * <li>comparisons between tensors, or a tensor and a number, compare element-wise and broadcast, giving a bool
 * tensor (see {@link TensorComparisons}).</li>
 * </ul>
 */
final class Operators {
    private static final Set<String> ELEMENTWISE = Set.of("+", "-", "*", "/");

    private Operators() {
    }

    static List<Builtin> binary() {
        List<Builtin> out = new ArrayList<>();
        for (String op : List.of("+", "-", "*", "/", "%", "**")) {
            out.add(operator(op, (args, s) -> arithmetic(op, args.get(0), args.get(1), s),
                    (a, s, c) -> arithmeticJava(op, a.get(0), a.get(1), s, c)));
        }
        out.add(operator("@", (args, s) -> arithmetic("@", args.get(0), args.get(1), s),
                (a, s, c) -> tensorJava("@", a.get(0), a.get(1), c)));
        for (String op : List.of("<", "<=", ">", ">=")) {
            out.add(operator(op, (args, s) -> TensorComparisons.involved(args) ? TensorComparisons.evaluate(op, args, s)
                    : compare(op, args.get(0), args.get(1), s), (a, s, c) -> TensorComparisons.involvedJava(a)
                    ? TensorComparisons.emit(op, a, c) : JavaExpr.of(a.get(0).wrap(JavaExpr.RELATIONAL) + " " + op + " "
                            + a.get(1).wrap(JavaExpr.RELATIONAL + 1), ValueKind.BOOL, JavaExpr.RELATIONAL)));
        }
        for (String op : List.of("==", "!=")) {
            out.add(operator(op, (args, s) -> TensorComparisons.involved(args) ? TensorComparisons.evaluate(op, args, s)
                    : equality(op, args.get(0), args.get(1), s), (a, s, c) -> TensorComparisons.involvedJava(a)
                    ? TensorComparisons.emit(op, a, c) : equalityJava(op, a.get(0), a.get(1), c)));
        }
        for (String op : List.of("and", "or")) {
            out.add(operator(op, (args, s) -> logical(op, args.get(0), args.get(1), s), (a, s, c) -> {
                int p = op.equals("and") ? JavaExpr.AND : JavaExpr.OR;
                return JavaExpr.of(a.get(0).wrap(p) + (op.equals("and") ? " && " : " || ") + a.get(1).wrap(p + 1),
                        ValueKind.BOOL, p);
            }));
        }
        return out;
    }

    static List<Builtin> unary() {
        return List.of(
                new Builtin("not", Family.UNARY, Signature.of(1, "x"), (args, s) -> {
                    if (args.get(0) instanceof Value.Bool b) {
                        return new Value.Bool(!b.value());
                    }
                    throw new ArchError(s.at(), "'not' needs a bool, got " + args.get(0).describe());
                }, (a, s, c) -> JavaExpr.of("!" + a.get(0).wrap(JavaExpr.UNARY), ValueKind.BOOL, JavaExpr.UNARY)),
                new Builtin("-", Family.UNARY, Signature.of(1, "x"), (args, s) -> negate(args.get(0), s),
                        (a, s, c) -> negateJava(a.get(0), c)));
    }

    private static Builtin operator(String op, Builtin.Evaluation eval, Builtin.Emission emit) {
        return new Builtin(op, Family.OPERATOR, Signature.of(2, "left", "right"), eval, emit);
    }

    private static Value negate(Value v, Site s) {
        if (v instanceof Value.Int i) {
            if (i.value() == Long.MIN_VALUE) {
                throw new ArchError(s.at(), "integer overflow: -(" + i.value() + ") does not fit in 64 bits");
            }
            return new Value.Int(-i.value());
        } else if (v instanceof Value.Float f) {
            return new Value.Float(-f.value());
        } else if (v instanceof Value.Tensor t && !t.dtype().equals(Value.Tensor.BOOL)) {
            return t;
        }
        throw new ArchError(s.at(), "cannot negate " + v.describe());
    }

    private static JavaExpr negateJava(JavaExpr x, JavaClasses c) {
        return switch (x.kind()) {
            case TENSOR -> JavaExpr.atom(c.ops() + "neg(" + x.java() + ")", ValueKind.TENSOR);
            // A literal is negated in place ("-1"); it cannot be Long.MIN_VALUE, which has no positive literal.
            case INT -> x.java().matches("\\d+") ? JavaExpr.of("-" + x.java(), ValueKind.INT, JavaExpr.UNARY)
                    : JavaExpr.atom(c.math() + "negateExact(" + x.java() + ")", ValueKind.INT);
            default -> {
                String operand = x.wrap(JavaExpr.UNARY);
                // "--1.0" would be Java's decrement operator.
                yield JavaExpr.of("-" + (operand.startsWith("-") ? " " : "") + operand, x.kind(), JavaExpr.UNARY);
            }
        };
    }

    private static Value logical(String op, Value l, Value r, Site s) {
        noTensors(op, l, r, s);
        if (l instanceof Value.Bool x && r instanceof Value.Bool y) {
            return new Value.Bool(op.equals("and") ? x.value() && y.value() : x.value() || y.value());
        }
        throw new ArchError(s.at(), "'" + op + "' needs bools, got " + l.describe() + " and " + r.describe());
    }

    private static Value equality(String op, Value l, Value r, Site s) {
        noTensors(op, l, r, s);
        if (l instanceof Value.EnumConst x && r instanceof Value.EnumConst y && !x.type().equals(y.type())) {
            throw new ArchError(s.at(), "cannot compare " + x.type() + " with " + y.type());
        }
        boolean eq = Numbers.numeric(l) && Numbers.numeric(r) ? Numbers.asDouble(l) == Numbers.asDouble(r)
                : l.equals(r);
        return new Value.Bool(op.equals("==") == eq);
    }

    private static JavaExpr equalityJava(String op, JavaExpr l, JavaExpr r, JavaClasses c) {
        String eq = null;
        if (l.kind().isList()) {
            eq = c.arrays() + "equals(" + l.java() + ", " + r.java() + ")";
        } else if (l.kind() == ValueKind.STRING) {
            eq = l.wrapAtom() + ".equals(" + r.java() + ")";
        }
        if (eq != null) {
            return op.equals("==") ? JavaExpr.atom(eq, ValueKind.BOOL)
                    : JavaExpr.of("!" + eq, ValueKind.BOOL, JavaExpr.UNARY);
        }
        return JavaExpr.of(l.wrap(JavaExpr.EQUALITY) + " " + op + " " + r.wrap(JavaExpr.EQUALITY + 1), ValueKind.BOOL,
                JavaExpr.EQUALITY);
    }

    private static Value compare(String op, Value l, Value r, Site s) {
        noTensors(op, l, r, s);
        if (!Numbers.numeric(l) || !Numbers.numeric(r)) {
            throw new ArchError(s.at(), "cannot apply '" + op + "' to " + l.describe() + " and " + r.describe());
        }
        double x = Numbers.asDouble(l);
        double y = Numbers.asDouble(r);
        return new Value.Bool(switch (op) {
            case "<" -> x < y;
            case "<=" -> x <= y;
            case ">" -> x > y;
            default -> x >= y;
        });
    }

    private static void noTensors(String op, Value l, Value r, Site s) {
        if (l instanceof Value.Tensor || r instanceof Value.Tensor) {
            throw new ArchError(s.at(), "'" + op + "' is not defined for tensors");
        }
    }

    private static Value arithmetic(String op, Value l, Value r, Site s) {
        if (l instanceof Value.Tensor || r instanceof Value.Tensor) {
            return tensor(op, l, r, s);
        }
        if (op.equals("+") && l instanceof Value.ListOf x && r instanceof Value.ListOf y) {
            List<Value> items = new ArrayList<>(x.items());
            items.addAll(y.items());
            return new Value.ListOf(items);
        }
        if (!Numbers.numeric(l) || !Numbers.numeric(r)) {
            throw new ArchError(s.at(), "cannot apply '" + op + "' to " + l.describe() + " and " + r.describe());
        }
        if (op.equals("@")) {
            throw new ArchError(s.at(), "'@' is for tensors; got " + l.describe() + " and " + r.describe());
        }
        if ((op.equals("/") || op.equals("%")) && Numbers.asDouble(r) == 0) {
            ArchError zero = new ArchError(s.at(), "division by zero: " + l + " " + op + " " + r);
            Expr divisor = s.operand(1);
            throw divisor == null || divisor instanceof Expr.IntLit || divisor instanceof Expr.FloatLit ? zero
                    : zero.withNote("the divisor " + Render.expr(divisor) + " is " + r);
        }
        if (l instanceof Value.Int x && r instanceof Value.Int y && (!op.equals("**") || s.naturalExponent())) {
            long a = x.value();
            long c = y.value();
            try {
                return new Value.Int(switch (op) {
                    case "+" -> Math.addExact(a, c);
                    case "-" -> Math.subtractExact(a, c);
                    case "*" -> Math.multiplyExact(a, c);
                    case "/" -> floorDivExact(a, c);
                    case "%" -> Math.floorMod(a, c);
                    default -> Numbers.power(a, c);
                });
            } catch (ArithmeticException overflow) {
                throw new ArchError(s.at(), "integer overflow: " + a + " " + op + " " + c
                        + " does not fit in 64 bits");
            }
        }
        double a = Numbers.asDouble(l);
        double c = Numbers.asDouble(r);
        return new Value.Float(switch (op) {
            case "+" -> a + c;
            case "-" -> a - c;
            case "*" -> a * c;
            case "/" -> a / c;
            case "%" -> Numbers.floorMod(a, c);
            default -> Math.pow(a, c);
        });
    }

    /** Floored division; {@code Long.MIN_VALUE / -1} overflows (Java's floorDiv would wrap it). */
    private static long floorDivExact(long a, long c) {
        if (a == Long.MIN_VALUE && c == -1) {
            throw new ArithmeticException("overflow");
        }
        return Math.floorDiv(a, c);
    }

    private static JavaExpr arithmeticJava(String op, JavaExpr l, JavaExpr r, Site s, JavaClasses c) {
        if (l.kind() == ValueKind.TENSOR || r.kind() == ValueKind.TENSOR) {
            return tensorJava(op, l, r, c);
        }
        if (op.equals("+") && l.kind().isList()) {
            return JavaExpr.atom(c.values() + "concat(" + l.java() + ", " + r.java() + ")", l.kind());
        }
        boolean ints = l.kind() == ValueKind.INT && r.kind() == ValueKind.INT;
        String call = switch (op) {
            case "+" -> ints ? c.math() + "addExact" : null;
            case "-" -> ints ? c.math() + "subtractExact" : null;
            case "*" -> ints ? c.math() + "multiplyExact" : null;
            case "/" -> ints ? c.values() + "floorDiv" : c.values() + "divide";
            case "%" -> ints ? c.values() + "floorMod" : c.values() + "floorMod";
            default -> ints && s.naturalExponent() ? c.values() + "pow" : c.math() + "pow";
        };
        ValueKind kind = ints && (!op.equals("**") || s.naturalExponent()) ? ValueKind.INT : ValueKind.FLOAT;
        if (call != null) {
            return JavaExpr.atom(call + "(" + l.java() + ", " + r.java() + ")", kind);
        }
        int p = op.equals("*") ? JavaExpr.MULTIPLICATIVE : JavaExpr.ADDITIVE;
        return JavaExpr.of(l.wrap(p) + " " + op + " " + r.wrap(p + 1), kind, p);
    }

    private static Value tensor(String op, Value l, Value r, Site s) {
        if (op.equals("@")) {
            TensorComparisons.requireFloat("@", l, r, s.at());
            Shape x = TensorOps.asTensor(l, s.at(), "@");
            Shape y = TensorOps.asTensor(r, s.at(), "@");
            return new Value.Tensor(TensorOps.matmul(x, y, s.at(), s.flops()));
        }
        if (!ELEMENTWISE.contains(op)) {
            throw new ArchError(s.at(), "'" + op + "' is not defined for tensors");
        }
        if (l instanceof Value.Tensor x && r instanceof Value.Tensor y) {
            return new Value.Tensor(TensorOps.broadcast(op, x.shape(), y.shape(), s.at()),
                    TensorComparisons.arithmeticDtype(op, x, y, s.at()));
        }
        Value scalar = l instanceof Value.Tensor ? r : l;
        if (!Numbers.numeric(scalar)) {
            throw new ArchError(s.at(), "cannot combine a tensor with " + scalar.describe());
        }
        Value.Tensor t = (Value.Tensor) (l instanceof Value.Tensor ? l : r);
        return new Value.Tensor(t.shape(), TensorComparisons.arithmeticDtype(op, t, null, s.at()));
    }

    private static JavaExpr tensorJava(String op, JavaExpr l, JavaExpr r, JavaClasses c) {
        String fn = switch (op) {
            case "+" -> "add";
            case "-" -> "sub";
            case "*" -> "mul";
            case "/" -> "div";
            default -> "matmul";
        };
        return JavaExpr.atom(c.ops() + fn + "(" + l.java() + ", " + r.java() + ")", ValueKind.TENSOR);
    }
}
