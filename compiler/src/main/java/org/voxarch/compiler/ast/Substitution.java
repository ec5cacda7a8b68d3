package org.voxarch.compiler.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Puts expressions in place of names: a grid's variables take each member's values. */
public final class Substitution {
    private Substitution() {
    }

    /** {@code e} with every free use of a name in {@code values} replaced by its expression. */
    public static Expr apply(Expr e, Map<String, Expr> values) {
        if (values.isEmpty()) {
            return e;
        }
        if (e instanceof Expr.Name n) {
            return values.getOrDefault(n.name(), n);
        }
        if (e instanceof Expr.ListLit l) {
            return new Expr.ListLit(l.span(), l.items().stream()
                    .map(i -> new Expr.ListItem(apply(i.value(), values), i.spread())).toList());
        }
        if (e instanceof Expr.Comprehension c) {
            // The loop variable hides a grid variable of the same name inside the element.
            Map<String, Expr> inner = new java.util.HashMap<>(values);
            inner.remove(c.variable().name());
            return new Expr.Comprehension(c.span(), apply(c.element(), inner), c.variable(),
                    apply(c.source(), values));
        }
        if (e instanceof Expr.Call c) {
            return new Expr.Call(c.span(), apply(c.callee(), values), args(c.args(), values));
        }
        if (e instanceof Expr.Index i) {
            return new Expr.Index(i.span(), apply(i.target(), values), apply(i.index(), values));
        }
        if (e instanceof Expr.Member m) {
            return new Expr.Member(m.span(), apply(m.target(), values), m.name());
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.span(), u.op(), apply(u.operand(), values));
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.span(), b.op(), apply(b.left(), values), apply(b.right(), values));
        }
        if (e instanceof Expr.Conditional c) {
            return new Expr.Conditional(c.span(), apply(c.condition(), values), apply(c.then(), values),
                    apply(c.otherwise(), values));
        }
        return e;
    }

    public static List<Expr.Arg> args(List<Expr.Arg> args, Map<String, Expr> values) {
        List<Expr.Arg> out = new ArrayList<>();
        for (Expr.Arg a : args) {
            out.add(new Expr.Arg(a.span(), a.name(), apply(a.value(), values)));
        }
        return out;
    }
}
