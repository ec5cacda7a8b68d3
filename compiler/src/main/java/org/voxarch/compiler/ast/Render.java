package org.voxarch.compiler.ast;

import java.util.List;
import java.util.stream.Collectors;

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
        names(e, out, false);
    }

    /** Every name an expression mentions: those it uses and the variables its comprehensions bind. */
    public static void allNames(Expr e, List<String> out) {
        names(e, out, true);
    }

    private static void names(Expr e, List<String> out, boolean bound) {
        if (e instanceof Expr.Name n) {
            out.add(n.name());
        } else if (e instanceof Expr.ListLit l) {
            l.items().forEach(i -> names(i.value(), out, bound));
        } else if (e instanceof Expr.Comprehension c) {
            if (bound) {
                out.add(c.variable().name());
            }
            names(c.source(), out, bound);
            names(c.element(), out, bound);
        } else if (e instanceof Expr.Call c) {
            names(c.callee(), out, bound);
            c.args().forEach(a -> names(a.value(), out, bound));
        } else if (e instanceof Expr.Index i) {
            names(i.target(), out, bound);
            names(i.index(), out, bound);
        } else if (e instanceof Expr.Member m) {
            names(m.target(), out, bound);
        } else if (e instanceof Expr.Unary u) {
            names(u.operand(), out, bound);
        } else if (e instanceof Expr.Binary b) {
            names(b.left(), out, bound);
            names(b.right(), out, bound);
        } else if (e instanceof Expr.Conditional c) {
            names(c.condition(), out, bound);
            names(c.then(), out, bound);
            names(c.otherwise(), out, bound);
        }
    }
}
