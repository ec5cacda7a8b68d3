package org.voxarch.compiler.builtins;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.builtins.Builtin.Family;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;

/**
 * Tensor functions on masks and indices: {@code where}, {@code masked_fill}, {@code arange}, {@code index_select}
 * and {@code take}. Element types as PyTorch's (see {@link TensorComparisons}); no FLOPs (fvcore counts none).
 */
final class MaskAndIndexFunctions {
    private MaskAndIndexFunctions() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("where", Family.TENSOR, Signature.of(3, "cond", "a", "b"), MaskAndIndexFunctions::where,
                        (a, s, c) -> call(c.ops() + "where", a)),
                new Builtin("masked_fill", Family.TENSOR, Signature.of(3, "x", "mask", "value"),
                        MaskAndIndexFunctions::maskedFill, (a, s, c) -> call(c.ops() + "maskedFill", a)),
                new Builtin("arange", Family.TENSOR, Signature.of(1, "start", "end", "step"),
                        MaskAndIndexFunctions::arange, (a, s, c) -> call(c.ops() + "arange", a.size() == 2
                        ? List.of(a.get(0), a.get(1), JavaExpr.atom("1", ValueKind.INT)) : a)),
                new Builtin("index_select", Family.TENSOR, Signature.of(3, "x", "dim", "index"),
                        MaskAndIndexFunctions::indexSelect, (a, s, c) -> call(c.ops() + "indexSelect", a)),
                new Builtin("take", Family.TENSOR, Signature.of(2, "x", "index"), MaskAndIndexFunctions::take,
                        (a, s, c) -> call(c.ops() + "take", a)));
    }

    private static JavaExpr call(String function, List<JavaExpr> args) {
        List<String> js = new ArrayList<>();
        for (JavaExpr a : args) {
            js.add(a.java());
        }
        return JavaExpr.atom(function + "(" + String.join(", ", js) + ")", ValueKind.TENSOR);
    }

    private static Value.Tensor boolTensor(List<Value> args, int i, String fn, String what, Span at) {
        Value.Tensor t = GridFunctions.anyTensor(args, i, fn, at);
        if (!t.dtype().equals(Value.Tensor.BOOL)) {
            throw new ArchError(at, fn + "'s " + what + " is a bool tensor, got the " + t.describe())
                    .withHelp("a comparison makes one, e.g. x != 0");
        }
        return t;
    }

    private static Value where(List<Value> args, Site s) {
        Span at = s.at();
        Shape shape = boolTensor(args, 0, "where", "condition", at).shape();
        boolean ints = true;
        for (int i = 1; i < 3; i++) {
            Value v = args.get(i);
            if (v instanceof Value.Tensor t) {
                if (t.dtype().equals(Value.Tensor.BOOL)) {
                    throw new ArchError(at, "where chooses between numbers or int64/float32 tensors, got the "
                            + t.describe());
                }
                shape = TensorOps.broadcast("where", shape, t.shape(), at);
                ints &= t.dtype().equals(Value.Tensor.INT64);
            } else if (Numbers.numeric(v)) {
                ints = false; // a number is a float scalar: PyTorch promotes to float32
            } else {
                throw new ArchError(at, "where chooses between tensors or numbers, got " + v.describe());
            }
        }
        return new Value.Tensor(shape, ints ? Value.Tensor.INT64 : Value.Tensor.FLOAT32);
    }

    private static Value maskedFill(List<Value> args, Site s) {
        Span at = s.at();
        Value.Tensor x = GridFunctions.anyTensor(args, 0, "masked_fill", at);
        Shape mask = boolTensor(args, 1, "masked_fill", "mask", at).shape();
        // PyTorch's out-of-place masked_fill broadcasts the tensor and the mask together.
        Shape shape = TensorOps.broadcast("masked_fill", x.shape(), mask, at);
        if (!Numbers.numeric(args.get(2))) {
            throw new ArchError(at, "masked_fill's value is a number, got " + args.get(2).describe());
        }
        return new Value.Tensor(shape, x.dtype());
    }

    private static Value arange(List<Value> args, Site s) {
        Span at = s.at();
        long start = args.size() == 1 ? 0 : TensorOps.integer(args.get(0), at);
        long end = TensorOps.integer(args.get(args.size() == 1 ? 0 : 1), at);
        long step = args.size() == 3 ? TensorOps.integer(args.get(2), at) : 1;
        if (step == 0) {
            throw new ArchError(at, "arange's step must not be 0");
        }
        // ceil((end - start) / step) without overflow
        java.math.BigInteger span = java.math.BigInteger.valueOf(end).subtract(java.math.BigInteger.valueOf(start));
        java.math.BigInteger[] qr = span.divideAndRemainder(java.math.BigInteger.valueOf(step));
        java.math.BigInteger count = qr[1].signum() == 0 ? qr[0] : qr[0].add(java.math.BigInteger.ONE);
        if (count.signum() <= 0) {
            String call = args.size() == 1 ? "arange(" + end + ")" : "arange(" + start + ", " + end + ", " + step + ")";
            throw new ArchError(at, call + " is empty");
        }
        if (count.bitLength() > 40) {
            throw new ArchError(at, "arange of " + count + " elements is too large");
        }
        long n = count.longValue();
        return new Value.Tensor(Shape.of(n), Value.Tensor.INT64);
    }

    private static Value.Tensor index(List<Value> args, int i, String fn, Span at) {
        Value.Tensor index = GridFunctions.anyTensor(args, i, fn, at);
        if (!index.dtype().equals(Value.Tensor.INT64)) {
            throw new ArchError(at, fn + "'s index is an int64 tensor, got the " + index.describe())
                    .withHelp("arange(...) and buffers declared with dtype = \"int64\" are int64");
        }
        return index;
    }

    private static Value indexSelect(List<Value> args, Site s) {
        Span at = s.at();
        Value.Tensor x = GridFunctions.anyTensor(args, 0, "index_select", at);
        int dim = TensorOps.axis(x.shape(), args, 1, at, "index_select");
        Value.Tensor index = index(args, 2, "index_select", at);
        if (index.shape().rank() != 1 || index.shape().dim(0) == Shape.BATCH) {
            throw new ArchError(at, "index_select's index is a 1-D int64 tensor, got " + index.shape())
                    .withHelp("flatten it first: reshape(index, [-1])");
        }
        long[] dims = x.shape().concrete();
        dims[dim] = index.shape().dim(0);
        return new Value.Tensor(new Shape(dims), x.dtype());
    }

    private static Value take(List<Value> args, Site s) {
        Span at = s.at();
        Value.Tensor x = GridFunctions.anyTensor(args, 0, "take", at);
        Value.Tensor index = index(args, 1, "take", at);
        return new Value.Tensor(index.shape(), x.dtype());
    }
}
