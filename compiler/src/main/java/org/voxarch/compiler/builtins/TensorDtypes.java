package org.voxarch.compiler.builtins;

import java.util.List;
import java.util.Set;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Value;

/** Element types a spec may declare for a raw tensor: {@code buffer([n], dtype = "int64")} holds indices. */
public final class TensorDtypes {
    private static final List<String> BUFFER_DTYPES = List.of(Value.Tensor.FLOAT32, Value.Tensor.INT64);
    /** Fillings that give whole numbers. */
    private static final Set<String> INTEGER_INITS = Set.of("zeros", "ones", "constant");

    private TensorDtypes() {
    }

    /** The declared dtype of a {@code param} or {@code buffer}: parameters are float32, buffers may be int64. */
    public static String ofBuffer(String fn, Value v, boolean literal, Span at) {
        if (!literal) {
            // The generated constructor reads it from the source, as it reads the shape and the filling.
            throw new ArchError(at, fn + "'s dtype is written as a string, \"float32\" or \"int64\"");
        }
        String dtype = Choices.check(v, fn + "'s dtype", BUFFER_DTYPES, at);
        if (fn.equals("param") && !dtype.equals(Value.Tensor.FLOAT32)) {
            throw new ArchError(at, "a param is float32 (it is learnt); an int64 tensor is a buffer")
                    .withHelp("write buffer(shape, dtype = \"int64\")");
        }
        return dtype;
    }

    /** An int64 buffer starts from whole numbers. */
    public static void checkInit(String dtype, Value.Init init, Span at) {
        if (dtype.equals(Value.Tensor.INT64) && !INTEGER_INITS.contains(init.kind())) {
            throw new ArchError(at, "an int64 buffer is filled with zeros, ones or constant(v), not " + init);
        }
    }
}
