package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.builtins.Builtin;
import org.voxarch.compiler.builtins.Builtins;
import org.voxarch.compiler.builtins.Exponents;
import org.voxarch.compiler.builtins.FlopSink;
import org.voxarch.compiler.builtins.JavaClasses;
import org.voxarch.compiler.builtins.JavaExpr;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.builtins.Site;
import org.voxarch.compiler.builtins.ValueKind;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/**
 * Translates spec expressions to Java expressions. Values (parameters, constants) become plain Java arithmetic;
 * tensors in forward become calls on the runtime's {@code Ops}; calls of children become {@code forward} calls.
 */
final class ExprTranslator {
    /** How emitted builtins name the classes they call: as markers that become JavaPoet's imports. */
    private static final JavaClasses CLASSES = new JavaClasses() {
        public String ops() {
            return JavaRefs.OPS;
        }

        public String values() {
            return JavaRefs.VALUES;
        }

        public String math() {
            return JavaRefs.MATH;
        }

        public String arrays() {
            return JavaRefs.ARRAYS;
        }

        public String longStream() {
            return JavaRefs.LONG_STREAM;
        }
    };

    private final Program program;
    private final BlockTypes blockTypes;
    /** Comprehension variables that only iterate natural ranges (for {@code **}). */
    private final Set<String> naturalLoopVariables;

    ExprTranslator(Program program, BlockTypes blockTypes) {
        this.program = program;
        this.blockTypes = blockTypes;
        this.naturalLoopVariables = Exponents.loopVariables(program.decls().values());
    }

    /** @param unpacked a literal list's items as varargs, or null */
    record Code(String java, JType type, int precedence, String unpacked) {
        Code(String java, JType type, int precedence) {
            this(java, type, precedence, null);
        }

        static Code atom(String java, JType type) {
            return new Code(java, type, JavaExpr.ATOM);
        }

        Code withUnpacked(String items) {
            return new Code(java, type, precedence, items);
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
        Code c = translate(e, scope);
        if (e instanceof Expr.IntLit i) {
            return i.value() + ".0";
        }
        return c.java();
    }

    Code translate(Expr e, Scope scope) {
        if (e instanceof Expr.IntLit i) {
            return Code.atom(longLiteral(i.value()), JType.LONG);
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
            Code a = translate(c.then(), scope);
            Code b = translate(c.otherwise(), scope);
            JType t = a.type().equals(b.type()) ? a.type() : a.type().isNumber() && b.type().isNumber()
                    ? JType.DOUBLE : a.type();
            return new Code(wrap(cond, 3) + " ? " + wrap(a, 3) + " : " + wrap(b, 2), t, 2);
        } else if (e instanceof Expr.Unary u) {
            return builtin(Builtins.unary(u.op()), List.of(translate(u.operand(), scope)), u.span(),
                    List.of(u.operand()), false);
        } else if (e instanceof Expr.Binary b) {
            Code sharedComparison = sharedConstantComparison(b, scope);
            if (sharedComparison != null) {
                return sharedComparison;
            }
            boolean natural = b.op().equals("**") && Exponents.natural(b.right(), name -> isNaturalLoopVariable(name,
                    scope));
            return builtin(Builtins.binary(b.op()), List.of(translate(b.left(), scope), translate(b.right(), scope)),
                    b.span(), List.of(b.left(), b.right()), natural);
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
        if (Builtins.isBareInitialiser(n.name())) {
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
            return Builtins.rangeStream(a, CLASSES);
        }
        return JavaRefs.ARRAYS + "stream(" + java(source, scope) + ")";
    }

    private boolean isNaturalLoopVariable(String name, Scope scope) {
        Scope.Sym sym = scope.get(name);
        return sym != null && sym.kind() == Scope.Kind.LOOP && naturalLoopVariables.contains(name);
    }

    /** A builtin's Java for translated arguments, as the registry emits it. */
    private static Code builtin(Builtin builtin, List<Code> args, Span at, List<Expr> operands, boolean natural) {
        List<JavaExpr> in = new ArrayList<>();
        for (Code a : args) {
            in.add(new JavaExpr(a.java(), kind(a.type()), a.precedence(), a.unpacked()));
        }
        JavaExpr out = builtin.emit(in, new Site(at, operands, natural, FlopSink.NONE), CLASSES);
        return new Code(out.java(), type(out.kind()), out.precedence());
    }

    private static ValueKind kind(JType t) {
        return switch (t.kind()) {
            case LONG -> ValueKind.INT;
            case DOUBLE -> ValueKind.FLOAT;
            case BOOLEAN -> ValueKind.BOOL;
            case STRING -> ValueKind.STRING;
            case LONGS -> ValueKind.INTS;
            case DOUBLES -> ValueKind.FLOATS;
            case BOOLEANS -> ValueKind.BOOLS;
            case TENSOR -> ValueKind.TENSOR;
            case TENSORS -> ValueKind.TENSORS;
            case INIT -> ValueKind.INIT;
            default -> ValueKind.OTHER;
        };
    }

    private static JType type(ValueKind k) {
        return switch (k) {
            case INT -> JType.LONG;
            case FLOAT -> JType.DOUBLE;
            case BOOL -> JType.BOOLEAN;
            case STRING -> JType.STRING;
            case INTS -> JType.LONGS;
            case FLOATS -> JType.DOUBLES;
            case BOOLS -> JType.BOOLEANS;
            case TENSOR -> JType.TENSOR;
            case TENSORS -> JType.TENSORS;
            case INIT -> JType.INIT;
            default -> JType.UNKNOWN;
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

    /** {@code ef == shared} where several enums declare {@code shared}: the constant takes the other side's enum. */
    private Code sharedConstantComparison(Expr.Binary b, Scope scope) {
        String op = b.op();
        boolean leftShared = sharedConstant(b.left(), scope) != null;
        if (!(op.equals("==") || op.equals("!=")) || !leftShared && sharedConstant(b.right(), scope) == null) {
            return null;
        }
        Code other = translate(leftShared ? b.right() : b.left(), scope);
        String constant = java(leftShared ? b.left() : b.right(), scope, other.type());
        String left = leftShared ? constant : wrap(other, JavaExpr.EQUALITY);
        String right = leftShared ? wrap(other, JavaExpr.EQUALITY + 1) : constant;
        return new Code(left + " " + op + " " + right, JType.BOOLEAN, JavaExpr.EQUALITY);
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
        Builtin builtin = Builtins.function(fn);
        if (builtin != null && builtin.emission() != null) {
            List<Code> args = new ArrayList<>();
            List<Expr> operands = new ArrayList<>();
            for (Expr.Arg a : c.args()) {
                Code code = translate(a.value(), scope);
                args.add(a.value() instanceof Expr.ListLit l && l.items().stream().noneMatch(Expr.ListItem::spread)
                        ? code.withUnpacked(unpackLongs(l, scope)) : code);
                operands.add(a.value());
            }
            return builtin(builtin, args, c.span(), operands, false);
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

    /** A literal list as varargs ({@code batch, tokens, 4}). */
    private String unpackLongs(Expr.ListLit l, Scope scope) {
        List<String> parts = new ArrayList<>();
        for (Expr.ListItem item : l.items()) {
            parts.add(java(item.value(), scope));
        }
        return String.join(", ", parts);
    }

    /** A literal for a compile-time value (defaults of Parameters, variant overrides). */
    static String literal(Value v) {
        if (v instanceof Value.Int i) {
            return longLiteral(i.value());
        } else if (v instanceof Value.Float f) {
            double d = f.value();
            return Double.isNaN(d) ? "Double.NaN" : Double.isInfinite(d)
                    ? (d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY") : Double.toString(d);
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

    /** Java reads a bare literal as an int: one outside int's range needs the long suffix. */
    static String longLiteral(long v) {
        return v == (int) v ? Long.toString(v) : v + "L";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String wrap(Code c, int parentPrecedence) {
        return c.precedence() < parentPrecedence ? "(" + c.java() + ")" : c.java();
    }

    /** Which generated classes return several tensors (so callers destructure a Tensor[]). */
    interface BlockTypes {
        boolean returnsSeveral(String javaClass);
    }

}
