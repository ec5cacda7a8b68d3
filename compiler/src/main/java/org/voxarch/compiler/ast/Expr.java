package org.voxarch.compiler.ast;

import java.util.List;
import org.voxarch.compiler.diag.Span;

/** Expressions of the language; the same syntax serves parameter values and tensor dataflow. */
public sealed interface Expr {
    Span span();

    record IntLit(Span span, long value) implements Expr {}

    record FloatLit(Span span, double value) implements Expr {}

    record BoolLit(Span span, boolean value) implements Expr {}

    record StringLit(Span span, String value) implements Expr {}

    record Name(Span span, String name) implements Expr {}

    /** {@code [a, *b, c]}: items, where a spread item splices a list in place. */
    record ListLit(Span span, List<ListItem> items) implements Expr {}

    record ListItem(Expr value, boolean spread) {}

    /** {@code [element for var in source]}. */
    record Comprehension(Span span, Expr element, Ident variable, Expr source) implements Expr {}

    record Call(Span span, Expr callee, List<Arg> args) implements Expr {}

    record Index(Span span, Expr target, Expr index) implements Expr {}

    record Member(Span span, Expr target, String name) implements Expr {}

    record Unary(Span span, String op, Expr operand) implements Expr {}

    record Binary(Span span, String op, Expr left, Expr right) implements Expr {}

    record Conditional(Span span, Expr condition, Expr then, Expr otherwise) implements Expr {}

    /** An argument of a call, positional when {@code name} is null. */
    record Arg(Span span, String name, Expr value) {}
}
