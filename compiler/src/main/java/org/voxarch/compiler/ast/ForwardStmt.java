package org.voxarch.compiler.ast;

import java.util.List;
import org.voxarch.compiler.diag.Span;

/** Statements of a {@code forward} dataflow. */
public sealed interface ForwardStmt {
    Span span();

    /** {@code a = expr} or {@code a, b = expr} (destructuring several outputs). */
    record Assign(Span span, List<Ident> targets, Expr value) implements ForwardStmt {}

    record If(Span span, Expr condition, List<ForwardStmt> then, List<ForwardStmt> otherwise) implements ForwardStmt {}

    record Return(Span span, List<Expr> values) implements ForwardStmt {}
}
