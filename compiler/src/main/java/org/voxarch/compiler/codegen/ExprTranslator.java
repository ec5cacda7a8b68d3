package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/**
 * Translates spec expressions to Java expressions. Values (parameters, constants) become plain Java arithmetic;
 * tensors in forward become calls on the runtime's {@code Ops}; calls of children become {@code forward} calls.
 */
final class ExprTranslator {
    private final Program program;
    private final BlockTypes blockTypes;

    ExprTranslator(Program program, BlockTypes blockTypes) {
        this.program = program;
        this.blockTypes = blockTypes;
    }

    record Code(String java, JType type, int precedence) {
        static Code atom(String java, JType type) {
            return new Code(java, type, 20);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Types

    JType typeOf(Expr e, Scope scope) {
        return translate(e, scope).type();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Translation

    String java(Expr e, Scope scope) {
        return translate(e, scope).java();
    }

    /** As a Java {@code long[]} (an int becomes three equal sizes). */
    String sizeArg(Expr e, Scope scope) {
        Code c = translate(e, scope);
        return c.type().kind() == JType.Kind.LONG ? JavaRefs.VALUES + "triple(" + c.java() + ")" : c.java();
    }

    /** As a double (for eps, p, slope...). */
    String doubleArg(Expr e, Scope scope) {
        Code c = translate(e, scope, true);
        if (e instanceof Expr.IntLit i) {
            return i.value() + ".0";
        }
        return c.java();
    }

    Code translate(Expr e, Scope scope) {
        return translate(e, scope, false);
    }

    /**
     * @param floatContext whether a float is expected: there {@code int ** int} is {@code Math.pow}, a float for
     *                     any exponent as the compiler evaluates it (elsewhere an int, for exponents >= 0). The
     *                     context passes through {@code + - *}, negation and conditionals, whose int operands give
     *                     the same value either way; not through {@code /} and {@code %}, which truncate ints.
     */
    private Code translate(Expr e, Scope scope, boolean floatContext) {
        if (e instanceof Expr.IntLit i) {
            return Code.atom(Long.toString(i.value()), JType.LONG);
        } else if (e instanceof Expr.FloatLit f) {
            return Code.atom(Double.toString(f.value()), JType.DOUBLE);
        } else if (e instanceof Expr.BoolLit b) {
            return Code.atom(Boolean.toString(b.value()), JType.BOOLEAN);
        } else if (e instanceof Expr.StringLit s) {
            return Code.atom(quote(s.value()), JType.STRING);
        } else if (e instanceof Expr.Name n) {
            return name(n, scope);
        } else if (e instanceof Expr.Member m && m.target() instanceof Expr.Name n
                && program.find(n.name()) instanceof Decl.Enum en) {
            return enumConstant(en.name().name(), m.name());
        } else if (e instanceof Expr.ListLit l) {
            return list(l, scope);
        } else if (e instanceof Expr.Comprehension c) {
            return comprehension(c, scope);
        } else if (e instanceof Expr.Conditional c) {
            Code cond = translate(c.condition(), scope);
            Code a = translate(c.then(), scope, floatContext);
            Code b = translate(c.otherwise(), scope, floatContext);
            JType t = a.type().equals(b.type()) ? a.type() : a.type().isNumber() && b.type().isNumber()
                    ? JType.DOUBLE : a.type();
            return new Code(wrap(cond, 3) + " ? " + wrap(a, 3) + " : " + wrap(b, 2), t, 2);
        } else if (e instanceof Expr.Unary u) {
            Code x = translate(u.operand(), scope, floatContext);
            if (u.op().equals("not")) {
                return new Code("!" + wrap(x, 14), JType.BOOLEAN, 14);
            }
            if (x.type().isTensor()) {
                return Code.atom(JavaRefs.OPS + "neg(" + x.java() + ")", JType.TENSOR);
            }
            return new Code("-" + wrap(x, 14), x.type(), 14);
        } else if (e instanceof Expr.Binary b) {
            return binary(b, scope, floatContext);
        } else if (e instanceof Expr.Index i) {
            return index(i, scope);
        } else if (e instanceof Expr.Call c) {
            return call(c, scope);
        }
        throw new IllegalStateException("cannot translate " + e);
    }

    private Code name(Expr.Name n, Scope scope) {
        Scope.Sym sym = scope.get(n.name());
        if (sym != null) {
            return Code.atom(sym.java(), sym.type());
        }
        Decl.Enum en = program.enumOfConstant(n.name());
        if (en != null) {
            return enumConstant(en.name().name(), n.name());
        }
        if (!program.enumsOfConstant(n.name()).isEmpty()) {
            // The compiler settled the enum from the use (see java(e, scope, expected)); here nothing tells.
            throw new IllegalStateException("enum constant " + n.name() + " of several enums at " + n.span());
        }
        if (n.name().equals("zeros") || n.name().equals("ones") || n.name().equals("default")) {
            return Code.atom(n.name(), JType.INIT);
        }
        throw new IllegalStateException("unresolved name " + n.name() + " at " + n.span());
    }

    private Code list(Expr.ListLit l, Scope scope) {
        List<String> parts = new ArrayList<>();
        List<String> spreads = new ArrayList<>();
        JType element = JType.LONG;
        boolean anySpread = false;
        boolean tensors = false;
        for (Expr.ListItem item : l.items()) {
            Code c = translate(item.value(), scope);
            if (item.spread()) {
                anySpread = true;
                spreads.add(c.java());
                element = c.type().element();
            } else {
                parts.add(c.java());
                if (c.type().isTensor()) {
                    tensors = true;
                }
                if (c.type().kind() == JType.Kind.DOUBLE) {
                    element = JType.DOUBLE;
                } else if (c.type().kind() == JType.Kind.BOOLEAN) {
                    element = JType.BOOLEAN;
                }
            }
        }
        if (tensors) {
            return Code.atom(String.join(", ", parts), JType.TENSORS);
        }
        if (anySpread) {
            // Splices keep their order: [B, c, *patch] becomes Values.concat(new long[] {batch, c}, patch).
            List<String> pieces = new ArrayList<>();
            List<String> run = new ArrayList<>();
            int p = 0;
            for (Expr.ListItem item : l.items()) {
                if (item.spread()) {
                    if (!run.isEmpty()) {
                        pieces.add("new long[] {" + String.join(", ", run) + "}");
                        run.clear();
                    }
                    pieces.add(translate(item.value(), scope).java());
                } else {
                    run.add(parts.get(p++));
                }
            }
            if (!run.isEmpty()) {
                pieces.add("new long[] {" + String.join(", ", run) + "}");
            }
            return Code.atom(JavaRefs.VALUES + "concat(" + String.join(", ", pieces) + ")", JType.LONGS);
        }
        JType listType = element.list();
        return Code.atom("new " + listType.java() + " {" + String.join(", ", parts) + "}", listType);
    }

    /** A comprehension over value lists: {@code [stem[i] * 8 for i in range(3)]}. */
    private Code comprehension(Expr.Comprehension c, Scope scope) {
        String var = JavaNames.member(c.variable().name());
        Scope inner = new Scope(scope);
        inner.put(c.variable().name(), new Scope.Sym(var, JType.LONG, Scope.Kind.LOOP));
        Code element = translate(c.element(), inner);
        String stream = rangeStream(c.source(), scope);
        return switch (element.type().kind()) {
            case DOUBLE -> Code.atom(stream + ".mapToDouble(" + var + " -> " + element.java() + ").toArray()",
                    JType.DOUBLES);
            case BOOLEAN -> Code.atom(JavaRefs.VALUES + "booleans(" + stream + ".mapToObj(" + var + " -> "
                    + element.java() + "))", JType.BOOLEANS);
            default -> Code.atom(stream + ".map(" + var + " -> " + element.java() + ").toArray()", JType.LONGS);
        };
    }

    /** {@code range(a, b)} as a LongStream; any other long list is streamed. */
    String rangeStream(Expr source, Scope scope) {
        if (source instanceof Expr.Call call && call.callee() instanceof Expr.Name n && n.name().equals("range")) {
            List<String> a = new ArrayList<>();
            for (Expr.Arg arg : call.args()) {
                a.add(java(arg.value(), scope));
            }
            if (a.size() == 1) {
                return JavaRefs.LONG_STREAM + "range(0, " + a.get(0) + ")";
            }
            if (a.size() == 2) {
                return JavaRefs.LONG_STREAM + "range(" + a.get(0) + ", " + a.get(1) + ")";
            }
            return JavaRefs.VALUES + "range(" + String.join(", ", a) + ")";
        }
        return JavaRefs.ARRAYS + "stream(" + java(source, scope) + ")";
    }

    private static int precedence(String op) {
        return switch (op) {
            case "**" -> 15;
            case "*", "/", "%", "@" -> 12;
            case "+", "-" -> 11;
            case "<", "<=", ">", ">=" -> 9;
            case "==", "!=" -> 8;
            case "and" -> 4;
            case "or" -> 3;
            default -> 1;
        };
    }

    private Code enumConstant(String enumName, String constant) {
        return Code.atom(JavaRefs.module(enumName) + "." + JavaNames.constant(constant), JType.enumType(enumName));
    }

    /** A bare constant that several enums declare ({@code shared}), or null for any other expression. */
    private String sharedConstant(Expr e, Scope scope) {
        return e instanceof Expr.Name n && !scope.has(n.name()) && program.enumsOfConstant(n.name()).size() > 1
                ? n.name() : null;
    }

    /** Java for {@code e} where a value of type {@code expected} is wanted: it settles a bare shared constant. */
    String java(Expr e, Scope scope, JType expected) {
        String constant = sharedConstant(e, scope);
        if (constant != null && expected.kind() == JType.Kind.ENUM) {
            return enumConstant(expected.name(), constant).java();
        }
        return java(e, scope);
    }

    private Code binary(Expr.Binary b, Scope scope, boolean floatContext) {
        String op = b.op();
        if ((op.equals("==") || op.equals("!=")) && (sharedConstant(b.left(), scope) != null
                || sharedConstant(b.right(), scope) != null)) {
            // A shared constant takes the enum of the other side: ef == shared.
            boolean leftShared = sharedConstant(b.left(), scope) != null;
            Code other = translate(leftShared ? b.right() : b.left(), scope);
            String constant = java(leftShared ? b.left() : b.right(), scope, other.type());
            String l = leftShared ? constant : wrap(other, precedence(op));
            String r = leftShared ? wrap(other, precedence(op) + 1) : constant;
            return new Code(l + " " + op + " " + r, JType.BOOLEAN, precedence(op));
        }
        boolean passContext = floatContext && (op.equals("+") || op.equals("-") || op.equals("*"));
        Code l = translate(b.left(), scope, passContext);
        Code r = translate(b.right(), scope, passContext);
        if (l.type().isTensor() || r.type().isTensor()) {
            String fn = switch (op) {
                case "+" -> "add";
                case "-" -> "sub";
                case "*" -> "mul";
                case "/" -> "div";
                default -> "matmul";
            };
            return Code.atom(JavaRefs.OPS + fn + "(" + l.java() + ", " + r.java() + ")", JType.TENSOR);
        }
        int p = precedence(op);
        switch (op) {
            case "**" -> {
                boolean ints = !floatContext && l.type().kind() == JType.Kind.LONG
                        && r.type().kind() == JType.Kind.LONG;
                String pow = (ints ? JavaRefs.VALUES : JavaRefs.MATH) + "pow(";
                return Code.atom(pow + l.java() + ", " + r.java() + ")", ints ? JType.LONG : JType.DOUBLE);
            }
            case "and", "or" -> {
                String jop = op.equals("and") ? " && " : " || ";
                return new Code(wrap(l, p) + jop + wrap(r, p + 1), JType.BOOLEAN, p);
            }
            case "==", "!=" -> {
                if (l.type().kind() == JType.Kind.LONGS || l.type().kind() == JType.Kind.DOUBLES) {
                    String eq = JavaRefs.ARRAYS + "equals(" + l.java() + ", " + r.java() + ")";
                    return op.equals("==") ? Code.atom(eq, JType.BOOLEAN) : new Code("!" + eq, JType.BOOLEAN, 14);
                }
                if (l.type().kind() == JType.Kind.STRING) {
                    String eq = l.java() + ".equals(" + r.java() + ")";
                    return op.equals("==") ? Code.atom(eq, JType.BOOLEAN) : new Code("!" + eq, JType.BOOLEAN, 14);
                }
                return new Code(wrap(l, p) + " " + op + " " + wrap(r, p + 1), JType.BOOLEAN, p);
            }
            case "<", "<=", ">", ">=" -> {
                return new Code(wrap(l, p) + " " + op + " " + wrap(r, p + 1), JType.BOOLEAN, p);
            }
            case "+" -> {
                if (l.type().kind() == JType.Kind.LONGS || l.type().kind() == JType.Kind.DOUBLES) {
                    return Code.atom(JavaRefs.VALUES + "concat(" + l.java() + ", " + r.java() + ")", l.type());
                }
            }
            default -> {
            }
        }
        JType t = l.type().kind() == JType.Kind.DOUBLE || r.type().kind() == JType.Kind.DOUBLE ? JType.DOUBLE
                : JType.LONG;
        String left = wrap(l, p);
        if (op.equals("/") && t == JType.DOUBLE && l.type().kind() == JType.Kind.LONG
                && b.left() instanceof Expr.IntLit lit) {
            left = lit.value() + ".0";
        }
        return new Code(left + " " + op + " " + wrap(r, p + 1), t, p);
    }

    private Code index(Expr.Index i, Scope scope) {
        Code target = translate(i.target(), scope);
        Code idx = translate(i.index(), scope);
        if (target.type().kind() == JType.Kind.MODULE_LIST) {
            return Code.atom(target.java() + ".get(" + idx.java() + ")", target.type().element());
        }
        String index = i.index() instanceof Expr.IntLit lit ? Long.toString(lit.value()) : "(int) " + wrap(idx, 13);
        if (i.index() instanceof Expr.IntLit lit && lit.value() < 0) {
            index = target.java() + ".length - " + (-lit.value());
        }
        return Code.atom(target.java() + "[" + index + "]", target.type().element());
    }

    private Code call(Expr.Call c, Scope scope) {
        if (c.callee() instanceof Expr.Name n && !scope.has(n.name())) {
            return namedCall(n.name(), c, scope);
        }
        Code callee = translate(c.callee(), scope);
        List<String> args = new ArrayList<>();
        for (Expr.Arg a : c.args()) {
            args.add(java(a.value(), scope));
        }
        JType result = callee.type().kind() == JType.Kind.MODULE && blockTypes.returnsSeveral(callee.type().name())
                ? JType.TENSORS : JType.TENSOR;
        return Code.atom(callee.java() + ".forward(" + String.join(", ", args) + ")", result);
    }

    private Code namedCall(String fn, Expr.Call c, Scope scope) {
        List<Code> args = new ArrayList<>();
        for (Expr.Arg a : c.args()) {
            args.add(translate(a.value(), scope));
        }
        List<String> js = args.stream().map(Code::java).toList();
        switch (fn) {
            case "to_tokens":
                return Code.atom(JavaRefs.OPS + "toTokens(" + js.get(0) + ")", JType.TENSOR);
            case "to_grid":
                return Code.atom(JavaRefs.OPS + "toGrid(" + js.get(0) + ", " + js.get(1) + ")", JType.TENSOR);
            case "reshape":
            case "permute":
                return Code.atom(JavaRefs.OPS + fn + "(" + js.get(0) + ", "
                        + unpackLongs(c.args().get(1).value(), scope) + ")", JType.TENSOR);
            case "transpose":
                return Code.atom(JavaRefs.OPS + "transpose(" + String.join(", ", js) + ")", JType.TENSOR);
            case "softmax":
            case "normalize":
                return Code.atom(JavaRefs.OPS + fn + "(" + js.get(0) + ", " + js.get(1) + ")", JType.TENSOR);
            case "leaky_relu":
                return Code.atom(JavaRefs.OPS + "leakyRelu(" + String.join(", ", js) + ")", JType.TENSOR);
            case "relu":
            case "gelu":
            case "sigmoid":
                return Code.atom(JavaRefs.OPS + fn + "(" + js.get(0) + ")", JType.TENSOR);
            case "cat":
                return Code.atom(JavaRefs.OPS + "cat(" + js.get(1) + ", " + js.get(0) + ")", JType.TENSOR);
            case "unbind":
                return Code.atom(JavaRefs.OPS + "unbind(" + js.get(0) + ", " + js.get(1) + ")", JType.TENSORS);
            case "prod":
            case "sum":
                return Code.atom(JavaRefs.VALUES + fn + "(" + js.get(0) + ")", args.get(0).type().element());
            case "len":
                return Code.atom(wrapAtom(args.get(0)) + ".length", JType.LONG);
            case "min":
            case "max":
                if (args.size() == 1) {
                    return Code.atom(JavaRefs.VALUES + fn + "(" + js.get(0) + ")", args.get(0).type().element());
                }
                return Code.atom(JavaRefs.MATH + fn + "(" + String.join(", ", js) + ")", args.get(0).type());
            case "sqrt":
                return Code.atom(JavaRefs.MATH + "sqrt(" + js.get(0) + ")", JType.DOUBLE);
            case "abs":
                return Code.atom(JavaRefs.MATH + "abs(" + js.get(0) + ")", args.get(0).type());
            case "floor":
            case "ceil":
                return Code.atom("(long) " + JavaRefs.MATH + fn + "(" + js.get(0) + ")", JType.LONG);
            case "int":
                return Code.atom("(long) " + wrapAtom(args.get(0)), JType.LONG);
            case "float":
                return Code.atom("(double) " + wrapAtom(args.get(0)), JType.DOUBLE);
            case "range":
                return Code.atom(rangeStream(c, scope) + ".toArray()", JType.LONGS);
            case "all":
            case "any":
                return Code.atom(allAny(fn, c.args().get(0).value(), scope), JType.BOOLEAN);
            default:
                break;
        }
        Decl d = program.find(fn);
        if (d instanceof Decl.Block) {
            return Code.atom("/* block */", JType.module(fn));
        }
        if (Primitives.isPrimitive(fn)) {
            return Code.atom("/* layer */", JType.module(fn));
        }
        return Code.atom(fn, JType.INIT);
    }

    private String allAny(String fn, Expr list, Scope scope) {
        if (list instanceof Expr.Comprehension c) {
            String var = JavaNames.member(c.variable().name());
            Scope inner = new Scope(scope);
            inner.put(c.variable().name(), new Scope.Sym(var, JType.LONG, Scope.Kind.LOOP));
            return rangeStream(c.source(), scope) + "." + (fn.equals("all") ? "allMatch" : "anyMatch") + "(" + var
                    + " -> " + java(c.element(), inner) + ")";
        }
        return JavaRefs.VALUES + fn + "(" + java(list, scope) + ")";
    }

    /** A literal list becomes varargs ({@code batch, tokens, 4}); anything else a long[] expression. */
    private String unpackLongs(Expr e, Scope scope) {
        if (e instanceof Expr.ListLit l && l.items().stream().noneMatch(Expr.ListItem::spread)) {
            List<String> parts = new ArrayList<>();
            for (Expr.ListItem item : l.items()) {
                parts.add(java(item.value(), scope));
            }
            return String.join(", ", parts);
        }
        return java(e, scope);
    }

    /** A literal for a compile-time value (defaults of Parameters, variant overrides). */
    static String literal(Value v) {
        if (v instanceof Value.Int i) {
            return Long.toString(i.value());
        } else if (v instanceof Value.Float f) {
            return Double.toString(f.value());
        } else if (v instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        } else if (v instanceof Value.Str s) {
            return quote(s.value());
        } else if (v instanceof Value.EnumConst e) {
            return JavaRefs.module(e.type()) + "." + JavaNames.constant(e.constant());
        } else if (v instanceof Value.ListOf l) {
            boolean doubles = l.items().stream().anyMatch(x -> x instanceof Value.Float);
            boolean bools = !l.items().isEmpty() && l.items().get(0) instanceof Value.Bool;
            List<String> items = new ArrayList<>();
            for (Value item : l.items()) {
                items.add(doubles && item instanceof Value.Int i ? i.value() + ".0" : literal(item));
            }
            return "new " + (bools ? "boolean" : doubles ? "double" : "long") + "[] {" + String.join(", ", items) + "}";
        }
        throw new IllegalArgumentException("no literal for " + v.describe());
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String wrap(Code c, int parentPrecedence) {
        return c.precedence() < parentPrecedence ? "(" + c.java() + ")" : c.java();
    }

    private static String wrapAtom(Code c) {
        return c.precedence() < 20 ? "(" + c.java() + ")" : c.java();
    }

    /** Which generated classes return several tensors (so callers destructure a Tensor[]). */
    interface BlockTypes {
        boolean returnsSeveral(String javaClass);
    }

}
