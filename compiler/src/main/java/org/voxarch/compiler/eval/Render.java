package org.voxarch.compiler.eval;

import java.util.List;
import java.util.stream.Collectors;
import org.voxarch.compiler.ast.Expr;

/** Expressions back to source-like text, for messages. */
public final class Render {
    private Render() {
    }

    public static String expr(Expr e) {
        if (e instanceof Expr.IntLit i) {
            return Long.toString(i.value());
        } else if (e instanceof Expr.FloatLit f) {
            return Double.toString(f.value());
        } else if (e instanceof Expr.BoolLit b) {
            return Boolean.toString(b.value());
        } else if (e instanceof Expr.StringLit s) {
            return "\"" + s.value() + "\"";
        } else if (e instanceof Expr.Name n) {
            return n.name();
        } else if (e instanceof Expr.ListLit l) {
            return l.items().stream().map(i -> (i.spread() ? "*" : "") + expr(i.value()))
                    .collect(Collectors.joining(", ", "[", "]"));
        } else if (e instanceof Expr.Comprehension c) {
            return "[" + expr(c.element()) + " for " + c.variable().name() + " in "
                    + expr(c.source()) + "]";
        } else if (e instanceof Expr.Call c) {
            return expr(c.callee()) + c.args().stream()
                    .map(a -> (a.name() == null ? "" : a.name() + " = ") + expr(a.value()))
                    .collect(Collectors.joining(", ", "(", ")"));
        } else if (e instanceof Expr.Index i) {
            return expr(i.target()) + "[" + expr(i.index()) + "]";
        } else if (e instanceof Expr.Member m) {
            return expr(m.target()) + "." + m.name();
        } else if (e instanceof Expr.Unary u) {
            return u.op().equals("not") ? "not " + expr(u.operand()) : u.op() + expr(u.operand());
        } else if (e instanceof Expr.Binary b) {
            return expr(b.left()) + " " + b.op() + " " + expr(b.right());
        } else if (e instanceof Expr.Conditional c) {
            return expr(c.condition()) + " ? " + expr(c.then()) + " : " + expr(c.otherwise());
        }
        throw new IllegalStateException("unhandled " + e);
    }

    /** Every name used in an expression, in order. */
    public static void names(Expr e, List<String> out) {
        if (e instanceof Expr.Name n) {
            out.add(n.name());
        } else if (e instanceof Expr.ListLit l) {
            l.items().forEach(i -> names(i.value(), out));
        } else if (e instanceof Expr.Comprehension c) {
            names(c.source(), out);
            names(c.element(), out);
        } else if (e instanceof Expr.Call c) {
            names(c.callee(), out);
            c.args().forEach(a -> names(a.value(), out));
        } else if (e instanceof Expr.Index i) {
            names(i.target(), out);
            names(i.index(), out);
        } else if (e instanceof Expr.Member m) {
            names(m.target(), out);
        } else if (e instanceof Expr.Unary u) {
            names(u.operand(), out);
        } else if (e instanceof Expr.Binary b) {
            names(b.left(), out);
            names(b.right(), out);
        } else if (e instanceof Expr.Conditional c) {
            names(c.condition(), out);
            names(c.then(), out);
            names(c.otherwise(), out);
        } else {
        }
    }
}
