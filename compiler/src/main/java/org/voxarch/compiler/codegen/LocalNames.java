package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.ForwardStmt;
import org.voxarch.compiler.ast.Render;

/**
 * Java names for what generated code adds to a block's class (the batch size, temporaries, the state-dict path, the
 * network's parameters): each is new, and none is the Java name of anything the spec names in the block, so a spec
 * parameter called {@code batch} or {@code path} keeps its meaning.
 */
final class LocalNames {
    private final Set<String> taken = new HashSet<>();

    LocalNames(Decl.Block decl) {
        List<String> spec = new ArrayList<>();
        for (Decl.Param p : decl.params()) {
            spec.add(p.name().name());
            if (p.defaultValue() != null) {
                Render.allNames(p.defaultValue(), spec);
            }
        }
        body(decl.body(), spec);
        if (decl.forward() != null) {
            decl.forward().params().forEach(p -> spec.add(p.name()));
            forward(decl.forward().body(), spec);
        }
        spec.forEach(n -> taken.add(JavaNames.member(n)));
    }

    /** {@code hint}, or {@code hint2}, {@code hint3}... whichever is free; it is then taken. */
    String fresh(String hint) {
        String name = hint;
        for (int n = 2; taken.contains(name); n++) {
            name = hint + n;
        }
        taken.add(name);
        return name;
    }

    private static void body(List<BodyStmt> stmts, List<String> out) {
        for (BodyStmt s : stmts) {
            if (s instanceof BodyStmt.Let l) {
                out.add(l.name().name());
                Render.allNames(l.value(), out);
            } else if (s instanceof BodyStmt.Child c) {
                out.add(c.name().name());
                Render.allNames(c.value(), out);
            } else if (s instanceof BodyStmt.If i) {
                Render.allNames(i.condition(), out);
                body(i.then(), out);
                body(i.otherwise(), out);
            } else if (s instanceof BodyStmt.Require r) {
                Render.allNames(r.condition(), out);
            }
        }
    }

    private static void forward(List<ForwardStmt> stmts, List<String> out) {
        for (ForwardStmt s : stmts) {
            if (s instanceof ForwardStmt.Assign a) {
                a.targets().forEach(t -> out.add(t.name()));
                Render.allNames(a.value(), out);
            } else if (s instanceof ForwardStmt.If i) {
                Render.allNames(i.condition(), out);
                forward(i.then(), out);
                forward(i.otherwise(), out);
            } else if (s instanceof ForwardStmt.Return r) {
                r.values().forEach(v -> Render.allNames(v, out));
            }
        }
    }
}
