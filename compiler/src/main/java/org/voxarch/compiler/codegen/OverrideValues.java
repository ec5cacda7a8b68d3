package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.model.Value;

/**
 * A variant override's value as the Java object the block's parameter unboxes from: {@code 2L} for an int,
 * {@code 2.0} for a float, an array for a list or a size.
 */
final class OverrideValues {
    private OverrideValues() {
    }

    static String literal(Value v, Decl.Block block, String param) {
        Decl.Param p = block.params().stream().filter(q -> q.name().name().equals(param)).findFirst().orElseThrow();
        String type = p.type() == null ? null : p.type().name();
        boolean list = p.type() != null && p.type().listDepth() > 0;
        if (!list && "float".equals(type)) {
            return asDouble(v);
        }
        if ("size".equals(type) && v instanceof Value.Int i) {
            return "new long[] {" + i.value() + ", " + i.value() + ", " + i.value() + "}";
        }
        if (list && "float".equals(type) && v instanceof Value.ListOf l) {
            List<String> items = new ArrayList<>();
            l.items().forEach(x -> items.add(asDouble(x)));
            return "new double[] {" + String.join(", ", items) + "}";
        }
        if (v instanceof Value.Int i) {
            return i.value() + "L";
        }
        return ExprTranslator.literal(v);
    }

    private static String asDouble(Value v) {
        return v instanceof Value.Int i ? i.value() + ".0" : ExprTranslator.literal(v);
    }
}
