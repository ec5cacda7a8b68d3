package org.voxarch.compiler.ir;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/** Walks over statement lists that work for every statement kind, nested ones included. */
public final class Stmts {
    private Stmts() {
    }

    /** Every statement in {@code body} and in the bodies nested in it, in source order. */
    public static void forEach(List<Stmt> body, Consumer<Stmt> action) {
        for (Stmt s : body) {
            action.accept(s);
            if (s instanceof Stmt.Compound c) {
                c.bodies().forEach(inner -> forEach(inner, action));
            }
        }
    }

    /** The names assigned anywhere in {@code body}, in order of first assignment. */
    public static void assignedNames(List<Stmt> body, Collection<String> out) {
        forEach(body, s -> {
            if (s instanceof Stmt.Assign a) {
                out.addAll(a.targets());
            }
        });
    }

    /** The expressions a statement evaluates itself (not those of the statements nested in it). */
    public static List<Expr> expressions(Stmt s) {
        if (s instanceof Stmt.Assign a) {
            return List.of(a.value());
        } else if (s instanceof Stmt.If i) {
            return List.of(i.condition());
        }
        return s instanceof Stmt.Return r ? r.values() : List.of();
    }

    /** Whether some return in {@code body} returns several values. */
    public static boolean returnsSeveral(List<Stmt> body) {
        List<Boolean> found = new ArrayList<>();
        forEach(body, s -> {
            if (s instanceof Stmt.Return r && r.values().size() > 1) {
                found.add(true);
            }
        });
        return !found.isEmpty();
    }
}
