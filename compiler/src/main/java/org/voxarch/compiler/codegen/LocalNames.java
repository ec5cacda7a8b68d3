package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.ir.Exprs;
import org.voxarch.compiler.ir.Forward;
import org.voxarch.compiler.ir.Stmt;
import org.voxarch.compiler.ir.Stmts;

/**
 * Java names for what generated code adds to a block's class (the batch size, temporaries, the state-dict path, the
 * network's parameters): each is new, and none is the Java name of anything the spec names in the block, so a spec
 * parameter called {@code batch} or {@code path} keeps its meaning.
 */
final class LocalNames {
    private final Set<String> taken = new HashSet<>();

    /** @param forward the block's forward in the IR, or null */
    LocalNames(Decl.Block decl, Forward forward) {
        List<String> spec = new ArrayList<>();
        for (Decl.Param p : decl.params()) {
            spec.add(p.name().name());
            if (p.defaultValue() != null) {
                Render.allNames(p.defaultValue(), spec);
            }
        }
        body(decl.body(), spec);
        if (forward != null) {
            spec.addAll(forward.params());
            Stmts.forEach(forward.body(), s -> {
                if (s instanceof Stmt.Assign a) {
                    spec.addAll(a.targets());
                }
                Stmts.expressions(s).forEach(e -> Exprs.names(e, spec));
            });
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
}
