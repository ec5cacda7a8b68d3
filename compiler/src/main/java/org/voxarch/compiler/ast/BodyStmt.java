package org.voxarch.compiler.ast;

import java.util.List;
import org.voxarch.compiler.diag.Span;

/** Statements of a block or network body: constants, children, conditions, checks, init rules, inputs. */
public sealed interface BodyStmt {
    Span span();

    /** {@code let name = value}: a derived constant. */
    record Let(Span span, Ident name, Expr value) implements BodyStmt {}

    /** {@code name = value}: a child module, a raw parameter or buffer, or an alias of an earlier child. */
    record Child(Span span, Ident name, Expr value) implements BodyStmt {}

    record If(Span span, Expr condition, List<BodyStmt> then, List<BodyStmt> otherwise) implements BodyStmt {}

    /** {@code require condition, "message"}: a check on parameter values, reported where the value was set. */
    record Require(Span span, Expr condition, String message) implements BodyStmt {}

    /** {@code init Linear { weight = trunc_normal(0.02) }}: initialisation applied to every descendant of a type. */
    record InitRule(Span span, Ident type, List<InitField> fields) implements BodyStmt {}

    record InitField(Span span, Ident name, Expr value) {}

    /** {@code input x: [B, c, *patch]}: a network's declared input. */
    record Input(Span span, Ident name, Expr shape) implements BodyStmt {}
}
