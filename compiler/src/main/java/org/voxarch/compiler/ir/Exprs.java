package org.voxarch.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Walks over IR expressions. */
public final class Exprs {
    private Exprs() {
    }

    /** The direct sub-expressions of {@code e}, in source order. */
    public static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Expr.ListLit l) {
            l.items().forEach(i -> out.add(i.value()));
        } else if (e instanceof Expr.Comprehension c) {
            out.add(c.element());
            out.add(c.source());
        } else if (e instanceof Expr.Unary u) {
            out.add(u.operand());
        } else if (e instanceof Expr.Binary b) {
            out.add(b.left());
            out.add(b.right());
        } else if (e instanceof Expr.Conditional c) {
            out.add(c.condition());
            out.add(c.then());
            out.add(c.otherwise());
        } else if (e instanceof Expr.Index i) {
            out.add(i.target());
            out.add(i.index());
        } else if (e instanceof Expr.BuiltinCall c) {
            c.args().forEach(a -> out.add(a.value()));
        } else if (e instanceof Expr.ModuleCall c) {
            out.add(c.callee());
            c.args().forEach(a -> out.add(a.value()));
        } else if (e instanceof Expr.Construct c) {
            c.args().forEach(a -> out.add(a.value()));
        }
        return out;
    }

    /**
     * Every name {@code e} mentions: names read, functions and modules called, enum constants, comprehension
     * variables; in source order.
     */
    public static void names(Expr e, java.util.Collection<String> out) {
        if (e instanceof Expr.Ref r) {
            out.add(r.name());
        } else if (e instanceof Expr.Unresolved u) {
            out.add(u.text());
        } else if (e instanceof Expr.EnumConst c) {
            out.add(c.type().typeName());
            out.add(c.constant());
        } else if (e instanceof Expr.BuiltinCall c) {
            out.add(c.name());
        } else if (e instanceof Expr.Construct c) {
            out.add(c.typeName());
        } else if (e instanceof Expr.Comprehension c) {
            out.add(c.variable());
        }
        children(e).forEach(child -> names(child, out));
    }

    /** Whether {@code e} or some expression inside it matches. */
    public static boolean anyMatch(Expr e, Predicate<Expr> test) {
        if (test.test(e)) {
            return true;
        }
        for (Expr child : children(e)) {
            if (anyMatch(child, test)) {
                return true;
            }
        }
        return false;
    }
}
