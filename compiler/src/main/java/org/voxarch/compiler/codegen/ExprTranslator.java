package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.builtins.Builtin;
import org.voxarch.compiler.builtins.Builtins;
import org.voxarch.compiler.builtins.FlopSink;
import org.voxarch.compiler.builtins.JavaClasses;
import org.voxarch.compiler.builtins.JavaExpr;
import org.voxarch.compiler.builtins.Site;
import org.voxarch.compiler.builtins.ValueKind;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.ir.Expr;
import org.voxarch.compiler.ir.Lowering;
import org.voxarch.compiler.ir.Type;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/**
 * Translates IR expressions to Java expressions. Values (parameters, constants) become plain Java arithmetic;
 * tensors in forward become calls on the runtime's {@code Ops}; calls of children become {@code forward} calls.
 * Every type comes from the IR.
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

    private final Lowering lowering;

    ExprTranslator(Program program) {
        this.lowering = new Lowering(program);
    }

    Lowering lowering() {
        return lowering;
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
        return e instanceof Expr.IntLit i ? i.value() + ".0" : c.java();
    }

    Code translate(Expr e, Scope scope) {
        if (e instanceof Expr.IntLit i) {
            return Code.atom(longLiteral(i.value()), JType.LONG);
        } else if (e instanceof Expr.FloatLit f) {
            return Code.atom(Double.toString(f.value()), JType.DOUBLE);
        } else if (e instanceof Expr.BoolLit b) {
            return Code.atom(Boolean.toString(b.value()), JType.BOOLEAN);
        } else if (e instanceof Expr.StrLit s) {
            return Code.atom(quote(s.value()), JType.STRING);
        } else if (e instanceof Expr.Ref r) {
            return name(r, scope);
        } else if (e instanceof Expr.EnumConst c) {
            return enumConstant(c.type().typeName(), c.constant());
        } else if (e instanceof Expr.ListLit l) {
            return list(l, scope);
        } else if (e instanceof Expr.Comprehension c) {
            return comprehension(c, scope);
        } else if (e instanceof Expr.Conditional c) {
            Code cond = translate(c.condition(), scope);
            Code a = translate(c.then(), scope);
            Code b = translate(c.otherwise(), scope);
            return new Code(wrap(cond, 3) + " ? " + wrap(a, 3) + " : " + wrap(b, 2), JType.of(c.type()), 2);
        } else if (e instanceof Expr.Unary u) {
            return builtin(u.operator(), List.of(translate(u.operand(), scope)), u.span(), false, u.type());
        } else if (e instanceof Expr.Binary b) {
            return builtin(b.operator(), List.of(translate(b.left(), scope), translate(b.right(), scope)), b.span(),
                    b.naturalExponent(), b.type());
        } else if (e instanceof Expr.Index i) {
            return index(i, scope);
        } else if (e instanceof Expr.BuiltinCall c) {
            return builtinCall(c, scope);
        } else if (e instanceof Expr.ModuleCall c) {
            List<String> args = new ArrayList<>();
            for (Expr.Arg a : c.args()) {
                args.add(java(a.value(), scope));
            }
            return Code.atom(translate(c.callee(), scope).java() + ".forward(" + String.join(", ", args) + ")",
                    JType.of(c.type()));
        } else if (e instanceof Expr.Construct c) {
            return switch (c.kind()) {
                case BLOCK -> Code.atom("/* block */", JType.of(c.type()));
                case PRIMITIVE -> Code.atom("/* layer */", JType.of(c.type()));
                default -> Code.atom(c.typeName(), JType.INIT);
            };
        }
        // A constant of several enums that nothing here settles, or a name the checker reported.
        throw new IllegalStateException("unresolved name " + ((Expr.Unresolved) e).text() + " at " + e.span());
    }

    /** A name: its Java variable (with the type it is declared with there), or a bare initialiser. */
    private Code name(Expr.Ref r, Scope scope) {
        Scope.Sym sym = scope.get(r.name());
        if (sym != null) {
            return Code.atom(sym.java(), sym.type());
        }
        if (r.binding() == Expr.Binding.INITIALISER) {
            return Code.atom(r.name(), JType.INIT);
        }
        throw new IllegalStateException("unresolved name " + r.name() + " at " + r.span());
    }

    private Code list(Expr.ListLit l, Scope scope) {
        List<String> parts = new ArrayList<>();
        boolean anySpread = false;
        for (Expr.Item item : l.items()) {
            anySpread |= item.spread();
            parts.add(translate(item.value(), scope).java());
        }
        if (l.type() instanceof Type.Tensors) {
            return Code.atom(String.join(", ", parts), JType.TENSORS);
        }
        if (anySpread) {
            // Splices keep their order: [B, c, *patch] becomes Values.concat(new long[] {batch, c}, patch).
            List<String> pieces = new ArrayList<>();
            List<String> run = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                if (l.items().get(i).spread()) {
                    if (!run.isEmpty()) {
                        pieces.add("new long[] {" + String.join(", ", run) + "}");
                        run.clear();
                    }
                    pieces.add(parts.get(i));
                } else {
                    run.add(parts.get(i));
                }
            }
            if (!run.isEmpty()) {
                pieces.add("new long[] {" + String.join(", ", run) + "}");
            }
            return Code.atom(JavaRefs.VALUES + "concat(" + String.join(", ", pieces) + ")", JType.LONGS);
        }
        JType listType = JType.of(l.type());
        return Code.atom("new " + listType.java() + " {" + String.join(", ", parts) + "}", listType);
    }

    /** A comprehension over value lists: {@code [stem[i] * 8 for i in range(3)]}. */
    private Code comprehension(Expr.Comprehension c, Scope scope) {
        String var = JavaNames.member(c.variable());
        Scope inner = new Scope(scope);
        inner.put(c.variable(), new Scope.Sym(var, JType.LONG, Scope.Kind.LOOP));
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
        if (source instanceof Expr.BuiltinCall call && call.name().equals("range")) {
            List<String> a = new ArrayList<>();
            for (Expr.Arg arg : call.args()) {
                a.add(java(arg.value(), scope));
            }
            return Builtins.rangeStream(a, CLASSES);
        }
        return JavaRefs.ARRAYS + "stream(" + java(source, scope) + ")";
    }

    /**
     * A builtin's Java for translated arguments, as the registry emits it; the result is typed as the IR typed it
     * (by the same entry's rule).
     */
    private static Code builtin(Builtin builtin, List<Code> args, Span at, boolean natural, Type type) {
        List<JavaExpr> in = new ArrayList<>();
        for (Code a : args) {
            in.add(new JavaExpr(a.java(), kind(a.type()), a.precedence(), a.unpacked()));
        }
        JavaExpr out = builtin.emit(in, new Site(at, List.of(), natural, FlopSink.NONE), CLASSES);
        return new Code(out.java(), JType.of(type), out.precedence());
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

    private Code enumConstant(String enumName, String constant) {
        return Code.atom(JavaRefs.module(enumName) + "." + JavaNames.constant(constant), JType.enumType(enumName));
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

    /** A value or tensor function; a literal list argument is also offered as varargs. */
    private Code builtinCall(Expr.BuiltinCall c, Scope scope) {
        if (c.function() == null || c.function().emission() == null) {
            // An initialiser with arguments: described, not computed.
            return Code.atom(c.name(), JType.INIT);
        }
        List<Code> args = new ArrayList<>();
        for (Expr.Arg a : c.args()) {
            Code code = translate(a.value(), scope);
            args.add(a.value() instanceof Expr.ListLit l && l.items().stream().noneMatch(Expr.Item::spread)
                    ? code.withUnpacked(unpacked(l, scope)) : code);
        }
        return builtin(c.function(), args, c.span(), false, c.type());
    }

    /** A literal list as varargs ({@code batch, tokens, 4}). */
    private String unpacked(Expr.ListLit l, Scope scope) {
        List<String> parts = new ArrayList<>();
        for (Expr.Item item : l.items()) {
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
}
