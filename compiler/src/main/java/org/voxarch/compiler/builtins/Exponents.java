package org.voxarch.compiler.builtins;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.ForwardStmt;

/**
 * Which exponents are known, from the source alone, to be natural numbers: then {@code int ** int} is an int, else
 * a float (see {@link Operators}). Natural are int literals, {@code len(...)}, sums and products of naturals, and
 * the variables of comprehensions over {@code range(n)} or {@code range(natural, ...)} (the program's
 * {@link #loopVariables}, when the name is bound by a comprehension where it is used).
 */
public final class Exponents {
    private Exponents() {
    }

    /** Whether {@code e} is a natural number; {@code naturalName} tells which names are natural loop variables. */
    public static boolean natural(Expr e, Predicate<String> naturalName) {
        if (e instanceof Expr.IntLit i) {
            return i.value() >= 0;
        } else if (e instanceof Expr.Name n) {
            return naturalName.test(n.name());
        } else if (e instanceof Expr.Binary b && (b.op().equals("+") || b.op().equals("*"))) {
            return natural(b.left(), naturalName) && natural(b.right(), naturalName);
        } else if (e instanceof Expr.Call c && c.callee() instanceof Expr.Name n && n.name().equals("len")) {
            return true;
        }
        return false;
    }

    /**
     * The names the blocks bind only as variables of comprehensions over natural ranges (in bodies and forwards),
     * never by a comprehension over anything else. (Arguments of a block are evaluated where it is called, so the
     * set is the program's, not one block's.)
     */
    public static Set<String> loopVariables(Collection<? extends Decl> decls) {
        Set<String> natural = new HashSet<>();
        Set<String> other = new HashSet<>();
        Visitor v = new Visitor(natural, other);
        for (Decl d : decls) {
            if (d instanceof Decl.Block block) {
                block.params().forEach(p -> v.expr(p.defaultValue()));
                v.body(block.body());
                if (block.forward() != null) {
                    v.forward(block.forward().body());
                }
            }
        }
        natural.removeAll(other);
        return natural;
    }

    /** Collects comprehension variables by the kind of list they iterate. */
    private record Visitor(Set<String> natural, Set<String> other) {
        void body(List<BodyStmt> stmts) {
            for (BodyStmt s : stmts) {
                if (s instanceof BodyStmt.Let l) {
                    expr(l.value());
                } else if (s instanceof BodyStmt.Child c) {
                    expr(c.value());
                } else if (s instanceof BodyStmt.If i) {
                    expr(i.condition());
                    body(i.then());
                    body(i.otherwise());
                } else if (s instanceof BodyStmt.Require r) {
                    expr(r.condition());
                }
            }
        }

        void forward(List<ForwardStmt> stmts) {
            for (ForwardStmt s : stmts) {
                if (s instanceof ForwardStmt.If i) {
                    expr(i.condition());
                    forward(i.then());
                    forward(i.otherwise());
                } else if (s instanceof ForwardStmt.Assign a) {
                    expr(a.value());
                } else if (s instanceof ForwardStmt.Return r) {
                    r.values().forEach(this::expr);
                }
            }
        }

        void expr(Expr e) {
            if (e == null) {
                return;
            }
            if (e instanceof Expr.Comprehension c) {
                boolean naturalRange = c.source() instanceof Expr.Call call && call.callee() instanceof Expr.Name n
                        && n.name().equals("range") && !call.args().isEmpty()
                        && (call.args().size() == 1 || Exponents.natural(call.args().get(0).value(),
                        natural::contains));
                (naturalRange ? natural : other).add(c.variable().name());
            }
            for (Expr child : children(e)) {
                expr(child);
            }
        }
    }

    private static List<Expr> children(Expr e) {
        if (e instanceof Expr.ListLit l) {
            return l.items().stream().map(Expr.ListItem::value).toList();
        } else if (e instanceof Expr.Comprehension c) {
            return List.of(c.source(), c.element());
        } else if (e instanceof Expr.Conditional c) {
            return List.of(c.condition(), c.then(), c.otherwise());
        } else if (e instanceof Expr.Unary u) {
            return List.of(u.operand());
        } else if (e instanceof Expr.Binary b) {
            return List.of(b.left(), b.right());
        } else if (e instanceof Expr.Index i) {
            return List.of(i.target(), i.index());
        } else if (e instanceof Expr.Member m) {
            return List.of(m.target());
        } else if (e instanceof Expr.Call c) {
            List<Expr> out = new java.util.ArrayList<>();
            out.add(c.callee());
            c.args().forEach(a -> out.add(a.value()));
            return out;
        }
        return List.of();
    }
}
