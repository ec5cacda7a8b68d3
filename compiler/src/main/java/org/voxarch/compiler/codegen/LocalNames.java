package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.voxarch.compiler.ir.BlockIr;
import org.voxarch.compiler.ir.Exprs;
import org.voxarch.compiler.ir.Stmt;
import org.voxarch.compiler.ir.Stmts;

/**
 * Java names for what generated code adds to a block's class (the batch size, temporaries, the state-dict path, the
 * network's parameters): each is new, and none is the Java name of anything the spec names in the block, so a spec
 * parameter called {@code batch} or {@code path} keeps its meaning.
 */
final class LocalNames {
    private final Set<String> taken = new HashSet<>();

    LocalNames(BlockIr block) {
        List<String> spec = new ArrayList<>();
        for (BlockIr.Param p : block.params()) {
            spec.add(p.name());
            if (p.defaultValue() != null) {
                Exprs.names(p.defaultValue(), spec);
            }
        }
        body(block.body(), spec);
        if (block.forward() != null) {
            spec.addAll(block.forward().params());
            Stmts.forEach(block.forward().body(), s -> {
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

    private static void body(List<BlockIr.BodyStmt> stmts, List<String> out) {
        for (BlockIr.BodyStmt s : stmts) {
            if (s instanceof BlockIr.Let l) {
                out.add(l.name());
                Exprs.names(l.value(), out);
            } else if (s instanceof BlockIr.Child c) {
                out.add(c.name());
                Exprs.names(c.value(), out);
            } else if (s instanceof BlockIr.If i) {
                Exprs.names(i.condition(), out);
                body(i.then(), out);
                body(i.otherwise(), out);
            } else if (s instanceof BlockIr.Require r) {
                Exprs.names(r.condition(), out);
            }
        }
    }
}
