package org.voxarch.tests.fuzz;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.nn.Ops;

/**
 * What each forward statement of instrumented generated code produced at run time (see {@link ProbeInstrumenter}):
 * per module object, per spec statement ({@code spec.arch:12}), the shapes of its first execution, which is the one
 * the compiler records too. Public because generated classes in other packages call it.
 */
public final class StatementProbe {
    private static final Map<Object, Map<String, String>> SEEN = new IdentityHashMap<>();

    private StatementProbe() {
    }

    /** Records {@code value}'s shape for the statement at {@code lineRef} of {@code module}; returns the value. */
    public static synchronized <T> T seen(Object module, String lineRef, T value) {
        SEEN.computeIfAbsent(module, m -> new LinkedHashMap<>()).putIfAbsent(lineRef, shapes(value));
        return value;
    }

    /** Everything seen since the last call, and forgets it. */
    static synchronized Map<Object, Map<String, String>> take() {
        Map<Object, Map<String, String>> copy = new IdentityHashMap<>(SEEN);
        SEEN.clear();
        return copy;
    }

    /** {@code [3, 4, 2, 2, 2]}, several joined with ", " as the compiler writes them. */
    private static String shapes(Object value) {
        if (value instanceof Tensor t) {
            return shapeText(Ops.shape(t));
        }
        if (value instanceof Tensor[] parts) {
            List<String> texts = new ArrayList<>();
            for (Tensor t : parts) {
                texts.add(shapeText(Ops.shape(t)));
            }
            return String.join(", ", texts);
        }
        return String.valueOf(value);
    }

    static String shapeText(long[] dims) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            b.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return b.append(']').toString();
    }
}
