package org.voxarch.compiler.codegen;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.eval.ElaborationText;
import org.voxarch.compiler.model.Instance;

/**
 * The shapes a block's elaborated instances gave its statements and its output, for the generated comments: the
 * shape when every instance agrees, else each distinct shape (or their number, when there are many), so a comment
 * never shows one instance's shape as if it were the block's.
 */
final class InstanceShapes {
    /** Up to this many distinct shapes are listed; more are counted. */
    private static final int LISTED = 3;

    private final List<Instance> instances;

    InstanceShapes(List<Instance> instances) {
        this.instances = instances;
    }

    /** The shape comment of the statement at {@code span}, or null when no instance ran it. */
    String statement(Span span) {
        return describe(i -> i.statementShapes().get(span));
    }

    /** What the block returned, for its forward's Javadoc, or null when no instance returned. */
    String output() {
        return describe(i -> i.output() == null ? null : ElaborationText.shapes(i.output()));
    }

    private String describe(Function<Instance, String> shapeOf) {
        Set<String> shapes = new LinkedHashSet<>();
        for (Instance i : instances) {
            String s = shapeOf.apply(i);
            if (s != null) {
                shapes.add(s);
            }
        }
        if (shapes.size() <= 1) {
            return shapes.isEmpty() ? null : shapes.iterator().next();
        }
        return shapes.size() <= LISTED ? "varies: " + String.join(" | ", shapes)
                : "varies: " + shapes.size() + " shapes over " + instances.size() + " instances";
    }
}
