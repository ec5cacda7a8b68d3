package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
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
        String type = p.type() == null ? untypedType(p.defaultValue()) : p.type().name();
        boolean list = p.type() == null ? p.defaultValue() instanceof Expr.ListLit : p.type().listDepth() > 0;
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

    /**
     * An untyped parameter's Java type follows its default: a float literal (or a list of them) makes it a double,
     * so an override written as {@code 0} must still be {@code 0.0}.
     */
    private static String untypedType(Expr defaultValue) {
        Expr e = defaultValue instanceof Expr.ListLit l && !l.items().isEmpty() ? l.items().get(0).value()
                : defaultValue;
        if (e instanceof Expr.Unary u && u.op().equals("-")) {
            e = u.operand();
        }
        return e instanceof Expr.FloatLit ? "float" : null;
    }

    private static String asDouble(Value v) {
        return v instanceof Value.Int i ? i.value() + ".0" : ExprTranslator.literal(v);
    }
}
