package org.voxarch.compiler.ir;

import java.util.List;
import org.voxarch.compiler.builtins.Builtin;
import org.voxarch.compiler.diag.Span;

/**
 * A resolved, typed expression: every name says what it refers to, every call what it calls (a builtin registry
 * entry, a child's forward, a block or layer constructor), and every node carries its static type and its place in
 * the spec.
 */
public sealed interface Expr {
    Span span();

    Type type();

    /** What a name refers to. */
    enum Binding {
        /** A forward local (assigned in forward) or a forward input. */
        LOCAL,
        /** A parameter of the enclosing block. */
        PARAMETER,
        /** A {@code let} constant of the enclosing block. */
        CONSTANT,
        /** A child module, raw parameter or buffer of the enclosing block. */
        CHILD,
        /** A comprehension's variable. */
        LOOP,
        /** The symbolic batch size {@code B}. */
        BATCH,
        /** A bare initialiser name ({@code zeros}). */
        INITIALISER
    }

    record IntLit(Span span, long value) implements Expr {
        public Type type() {
            return Type.INT;
        }
    }

    record FloatLit(Span span, double value) implements Expr {
        public Type type() {
            return Type.FLOAT;
        }
    }

    record BoolLit(Span span, boolean value) implements Expr {
        public Type type() {
            return Type.BOOL;
        }
    }

    record StrLit(Span span, String value) implements Expr {
        public Type type() {
            return Type.STRING;
        }
    }

    /** A name and what it resolved to. */
    record Ref(Span span, Type type, String name, Binding binding) implements Expr {}

    /**
     * A constant of a spec enum, written {@code EfMode.shared} or bare; {@code settledByUse} when several enums
     * declare the constant and the surrounding use (a typed parameter, the other side of a comparison) chose.
     */
    record EnumConst(Span span, Type type, String constant, boolean settledByUse) implements Expr {}

    record ListLit(Span span, Type type, List<Item> items) implements Expr {
        public ListLit {
            items = List.copyOf(items);
        }
    }

    /** A list item; a spread item splices a list in place. */
    record Item(Expr value, boolean spread) {}

    /** {@code [element for variable in source]}. */
    record Comprehension(Span span, Type type, String variable, Expr element, Expr source) implements Expr {}

    /** A unary operator, with its registry entry. */
    record Unary(Span span, Type type, String op, Builtin operator, Expr operand) implements Expr {}

    /**
     * A binary operator, with its registry entry; {@code naturalExponent}: a {@code **} whose exponent is proved a
     * natural number (so {@code int ** int} stays an int).
     */
    record Binary(Span span, Type type, String op, Builtin operator, Expr left, Expr right, boolean naturalExponent)
            implements Expr {}

    record Conditional(Span span, Type type, Expr condition, Expr then, Expr otherwise) implements Expr {}

    /** {@code target[index]}: an item of a list, of several tensors, or of a {@code ModuleList}. */
    record Index(Span span, Type type, Expr target, Expr index) implements Expr {}

    /** A call of a value or tensor function of the builtin registry. */
    record BuiltinCall(Span span, Type type, String name, Builtin function, List<Arg> args) implements Expr {
        public BuiltinCall {
            args = List.copyOf(args);
        }
    }

    /** A call of a module's forward: a child, an item of a child list. */
    record ModuleCall(Span span, Type type, Expr callee, List<Arg> args) implements Expr {
        public ModuleCall {
            args = List.copyOf(args);
        }
    }

    /**
     * The construction of a module: a spec block, a primitive layer, a container ({@code ModuleList},
     * {@code Sequential}) or a raw tensor ({@code param}, {@code buffer}).
     */
    record Construct(Span span, Type type, String typeName, ConstructKind kind, List<Arg> args) implements Expr {
        public Construct {
            args = List.copyOf(args);
        }
    }

    enum ConstructKind { BLOCK, PRIMITIVE, CONTAINER, TENSOR }

    /** What the lowering could not resolve (an expression the checker already reported). */
    record Unresolved(Span span, String text) implements Expr {
        public Type type() {
            return Type.UNKNOWN;
        }
    }

    /** An argument, positional when {@code name} is null. */
    record Arg(Span span, String name, Expr value) {}
}
