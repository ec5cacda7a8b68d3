package org.voxarch.compiler.report;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ir.Constant;

/** Renders what a forward call produced: a tensor's shape, or the shapes of several outputs. */
final class OutputText {
    /** Shown for a module that the forward pass never reached. */
    static final String NOT_CALLED = "-";

    private OutputText() {
    }

    /** {@code [B, 32, 32, 32, 32]}; several outputs joined by {@code separator}; {@link #NOT_CALLED} for null. */
    static String of(Constant output, String separator) {
        if (output == null) {
            return NOT_CALLED;
        }
        return String.join(separator, parts(output, separator));
    }

    private static List<String> parts(Constant value, String separator) {
        List<String> parts = new ArrayList<>();
        if (value instanceof Constant.Tuple tuple) {
            for (Constant item : tuple.items()) {
                // A nested tuple stays grouped so the positions of the outer outputs remain readable.
                parts.add(item instanceof Constant.Tuple ? "(" + of(item, separator) + ")" : of(item, separator));
            }
        } else if (value instanceof Constant.Tensor tensor) {
            parts.add(tensor.shape().toString());
        } else if (value instanceof Constant.Error) {
            parts.add("?");
        } else {
            parts.add(value.toString());
        }
        return parts;
    }
}
