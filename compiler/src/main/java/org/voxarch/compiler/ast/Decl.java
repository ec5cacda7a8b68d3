package org.voxarch.compiler.ast;

import java.util.List;
import org.voxarch.compiler.diag.Span;

/** Top-level declarations of a spec file. */
public sealed interface Decl {
    Ident name();

    /** The {@code ///} comment lines just above the declaration, or "". */
    String doc();

    record Enum(Span span, Ident name, List<Ident> constants, String doc) implements Decl {}

    /** A block or (when {@code network}) a network: parameters, body and a forward dataflow. */
    record Block(Span span, Ident name, boolean network, List<Param> params, List<BodyStmt> body, Forward forward,
            String doc) implements Decl {}

    /** {@code variant name = Base(args) with { overrides and replacements }}. */
    record Variant(Span span, Ident name, Ident base, List<Expr.Arg> args, List<Override> overrides,
            List<Replacement> replacements, String doc) implements Decl {}

    /**
     * {@code grid name = Base(args) over { axes } with { overrides and replacements }}: one variant per combination
     * of the axes' values.
     */
    record Grid(Span span, Ident name, Ident base, List<Expr.Arg> args, List<Axis> axes, List<Override> overrides,
            List<Replacement> replacements, String doc) implements Decl {}

    record Param(Span span, Ident name, TypeRef type, Expr defaultValue) {}

    /** A declared type: {@code int}, {@code float}, {@code bool}, an enum name, or a list {@code [T]}. */
    record TypeRef(Span span, String name, int listDepth) {}

    record Forward(Span span, List<Ident> params, List<ForwardStmt> body) {}

    /** {@code Block.param = v} (every use of a block) or {@code path.to.child.param = v} (one use). */
    record Override(Span span, List<String> target, Expr value) {}

    /**
     * {@code Block.child := Module(...)} (that child in every instance of the block) or {@code path.to.child :=
     * Module(...)} (one child, {@code *} matching any one segment): the module is built in the scope of the block
     * that declares the child, and registered under the child's name.
     */
    record Replacement(Span span, List<String> target, Expr value) {
        public String targetText() {
            return String.join(".", target);
        }
    }

    /**
     * {@code name in [values]}, or zipped: {@code a, b in [[a1, b1], [a2, b2]]}, several targets taking their
     * values together. A target is a network parameter, a grid variable, {@code Block.param} or {@code path.param}.
     */
    record Axis(Span span, List<List<String>> targets, List<Span> targetSpans, Expr values) {
        public boolean zipped() {
            return targets.size() > 1;
        }
    }
}
