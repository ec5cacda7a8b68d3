package org.voxarch.compiler.builtins;

import java.util.List;
import java.util.Map;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;

/**
 * The element types of tensor operators: comparisons give bool tensors; arithmetic follows PyTorch's promotion for
 * the tensors generated code makes (float32, int64), where a number is a float scalar, so an int64 tensor with a
 * number gives float32. Bool tensors take part in comparisons, {@code where} and {@code masked_fill} only.
 */
final class TensorComparisons {
    private static final Map<String, String> FUNCTIONS = Map.of("==", "eq", "!=", "ne", "<", "lt", "<=", "le",
            ">", "gt", ">=", "ge");

    private TensorComparisons() {
    }

    static boolean involved(List<Value> args) {
        return args.stream().anyMatch(a -> a instanceof Value.Tensor);
    }

    static boolean involvedJava(List<JavaExpr> args) {
        return args.stream().anyMatch(a -> a.kind() == ValueKind.TENSOR);
    }

    /** {@code a < b} with a tensor on either side: the broadcast shape, as a bool tensor. */
    static Value evaluate(String op, List<Value> args, Site s) {
        Value l = args.get(0);
        Value r = args.get(1);
        for (Value v : args) {
            if (!(v instanceof Value.Tensor) && !Numbers.numeric(v)) {
                throw new ArchError(s.at(), "'" + op + "' compares a tensor with a tensor or a number, got "
                        + l.describe() + " and " + r.describe());
            }
        }
        Shape shape = l instanceof Value.Tensor x && r instanceof Value.Tensor y
                ? TensorOps.broadcast(op, x.shape(), y.shape(), s.at())
                : ((Value.Tensor) (l instanceof Value.Tensor ? l : r)).shape();
        return new Value.Tensor(shape, Value.Tensor.BOOL);
    }

    static JavaExpr emit(String op, List<JavaExpr> a, JavaClasses c) {
        return JavaExpr.atom(c.ops() + FUNCTIONS.get(op) + "(" + a.get(0).java() + ", " + a.get(1).java() + ")",
                ValueKind.TENSOR);
    }

    /** The element type of {@code x op y} ({@code y} null for a number). */
    static String arithmeticDtype(String op, Value.Tensor x, Value.Tensor y, Span at) {
        for (Value.Tensor t : y == null ? List.of(x) : List.of(x, y)) {
            if (t.dtype().equals(Value.Tensor.BOOL)) {
                throw new ArchError(at, "'" + op + "' is not defined for the " + t.describe()
                        + "; a bool tensor chooses values").withHelp("use where(mask, a, b) or masked_fill(x, mask, v)");
            }
        }
        boolean ints = x.dtype().equals(Value.Tensor.INT64) && y != null && y.dtype().equals(Value.Tensor.INT64);
        return ints && !op.equals("/") ? Value.Tensor.INT64 : Value.Tensor.FLOAT32;
    }

    /** Matrix products and layers take float32 tensors. */
    static void requireFloat(String what, Value l, Value r, Span at) {
        for (Value v : List.of(l, r)) {
            if (v instanceof Value.Tensor t && !t.isFloat()) {
                throw new ArchError(at, what + " needs float32 tensors, got the " + t.describe());
            }
        }
    }
}
