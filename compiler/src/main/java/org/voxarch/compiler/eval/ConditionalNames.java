package org.voxarch.compiler.eval;

import java.util.List;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Render;

/**
 * Explains a name that a block declares only under an {@code if}: when its condition did not hold, the name is
 * missing, and "did you mean" would be the wrong hint.
 */
final class ConditionalNames {
    private ConditionalNames() {
    }

    /** The message for {@code name} missing from an instance of {@code block}, or null when no branch declares it. */
    static String explain(Decl.Block block, String name) {
        return search(block.body(), name, null);
    }

    private static String search(List<BodyStmt> body, String name, String condition) {
        for (BodyStmt s : body) {
            if (condition != null && declares(s, name)) {
                return "'" + name + "' exists only when " + condition + " (declared at " + s.span().location()
                        + "), which does not hold here";
            }
            if (s instanceof BodyStmt.If i) {
                String when = Render.expr(i.condition());
                String found = search(i.then(), name, condition == null ? when : condition + " and " + when);
                if (found == null) {
                    String otherwise = "not (" + when + ")";
                    found = search(i.otherwise(), name, condition == null ? otherwise
                            : condition + " and " + otherwise);
                }
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean declares(BodyStmt s, String name) {
        return s instanceof BodyStmt.Child c && c.name().name().equals(name)
                || s instanceof BodyStmt.Let l && l.name().name().equals(name);
    }
}
