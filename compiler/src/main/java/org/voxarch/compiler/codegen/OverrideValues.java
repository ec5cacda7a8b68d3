package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ir.BlockIr;
import org.voxarch.compiler.ir.Type;
import org.voxarch.compiler.model.Value;

/**
 * A variant override's value as the Java object the block's parameter unboxes from: {@code 2L} for an int,
 * {@code 2.0} for a float, an array for a list or a size. The parameter's type is the IR's (declared, else its
 * default's), so an override written {@code 0} of a parameter whose default is {@code 0.5 * 2} is still a double.
 */
final class OverrideValues {
    private OverrideValues() {
    }

    static String literal(Value v, BlockIr.Param param) {
        Type type = param.type();
        if (type instanceof Type.Float) {
            return asDouble(v);
        }
        if (type.equals(Type.listOf(Type.INT)) && v instanceof Value.Int i) {
            // A size given as one int: the same size on every axis.
            return "new long[] {" + i.value() + ", " + i.value() + ", " + i.value() + "}";
        }
        if (type.equals(Type.listOf(Type.FLOAT)) && v instanceof Value.ListOf l) {
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
