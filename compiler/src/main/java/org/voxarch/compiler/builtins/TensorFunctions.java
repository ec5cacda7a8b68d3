package org.voxarch.compiler.builtins;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.builtins.Builtin.Family;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;

/** Functions on tensors, usable in {@code forward}: each with its shape rule and the runtime's {@code Ops} call. */
final class TensorFunctions {
    private TensorFunctions() {
    }

    static List<Builtin> all() {
        List<Builtin> out = new ArrayList<>();
        out.add(new Builtin("to_tokens", Family.TENSOR, Signature.of(1, "x"), (args, s) -> {
            Shape x = TensorOps.tensor(args, 0, "to_tokens", s.at());
            if (x.rank() != 5) {
                throw new ArchError(s.at(), "to_tokens expects [B, C, Z, Y, X] but got " + x);
            }
            long tokens = Checked.product(s.at(), "the token count of " + x, x.dim(2), x.dim(3), x.dim(4));
            return new Value.Tensor(Shape.of(x.dim(0), tokens, x.dim(1)));
        }, (a, s, c) -> call(c.ops() + "toTokens", a.get(0))));
        out.add(new Builtin("to_grid", Family.TENSOR, Signature.of(2, "tokens", "like"), (args, s) -> {
            Shape t = TensorOps.tensor(args, 0, "to_grid", s.at());
            Shape like = TensorOps.tensor(args, 1, "to_grid", s.at());
            if (t.rank() != 3 || like.rank() != 5) {
                throw new ArchError(s.at(), "to_grid expects tokens [B, N, C] and a grid [B, C, Z, Y, X], got "
                        + t + " and " + like);
            }
            long n = Checked.product(s.at(), "the voxel count of " + like, like.dim(2), like.dim(3), like.dim(4));
            if (t.dim(1) != n) {
                throw new ArchError(s.at(), "to_grid: " + t.dim(1) + " tokens do not fill the grid "
                        + like.dim(2) + "×" + like.dim(3) + "×" + like.dim(4) + " (" + n + " voxels)");
            }
            return new Value.Tensor(Shape.of(t.dim(0), t.dim(2), like.dim(2), like.dim(3), like.dim(4)));
        }, (a, s, c) -> call(c.ops() + "toGrid", a.get(0), a.get(1))));
        out.add(new Builtin("reshape", Family.TENSOR, Signature.of(2, "x", "shape"),
                (args, s) -> TensorOps.keepDtype(TensorOps.reshape(TensorOps.tensor(args, 0, "reshape", s.at()),
                        TensorOps.list(args, 1, "reshape", s.at()), s.at()), args),
                (a, s, c) -> JavaExpr.atom(c.ops() + "reshape(" + a.get(0).java() + ", "
                        + a.get(1).unpackedOrJava() + ")", ValueKind.TENSOR)));
        out.add(new Builtin("permute", Family.TENSOR, Signature.of(2, "x", "axes"),
                (args, s) -> TensorOps.keepDtype(permute(args, s), args),
                (a, s, c) -> JavaExpr.atom(c.ops() + "permute(" + a.get(0).java() + ", "
                        + a.get(1).unpackedOrJava() + ")", ValueKind.TENSOR)));
        out.add(new Builtin("transpose", Family.TENSOR, Signature.of(3, "x", "a", "b"), (args, s) -> {
            Shape x = TensorOps.tensor(args, 0, "transpose", s.at());
            int a = TensorOps.axis(x, args, 1, s.at(), "transpose");
            int b = TensorOps.axis(x, args, 2, s.at(), "transpose");
            long[] dims = x.concrete();
            long t = dims[a];
            dims[a] = dims[b];
            dims[b] = t;
            return TensorOps.keepDtype(new Value.Tensor(new Shape(dims)), args);
        }, (a, s, c) -> call(c.ops() + "transpose", a.toArray(JavaExpr[]::new))));
        for (String fn : List.of("softmax", "normalize")) {
            out.add(new Builtin(fn, Family.TENSOR, Signature.of(2, "x", "axis"), (args, s) -> {
                Shape x = GridFunctions.floatTensor(args, 0, fn, s.at()).shape();
                TensorOps.axis(x, args, 1, s.at(), fn);
                return new Value.Tensor(x);
            }, (a, s, c) -> call(c.ops() + fn, a.get(0), a.get(1))));
        }
        out.add(new Builtin("leaky_relu", Family.TENSOR, Signature.of(1, "x", "slope"), (args, s) -> {
            if (args.size() == 2 && !Numbers.numeric(args.get(1))) {
                throw new ArchError(s.at(), "leaky_relu's slope is a number, got " + args.get(1).describe());
            }
            return GridFunctions.floatTensor(args, 0, "leaky_relu", s.at());
        }, (a, s, c) -> call(c.ops() + "leakyRelu", a.get(0), a.size() == 2 ? a.get(1)
                : JavaExpr.atom("0.01", ValueKind.FLOAT))));
        for (String fn : List.of("relu", "gelu", "sigmoid")) {
            out.add(new Builtin(fn, Family.TENSOR, Signature.of(1, "x"),
                    (args, s) -> GridFunctions.floatTensor(args, 0, fn, s.at()),
                    (a, s, c) -> call(c.ops() + fn, a.get(0))));
        }
        out.add(new Builtin("cat", Family.TENSOR, Signature.of(2, "tensors", "axis"), TensorFunctions::cat,
                (a, s, c) -> call(c.ops() + "cat", a.get(1), a.get(0))));
        out.add(new Builtin("unbind", Family.TENSOR, Signature.of(2, "x", "axis"), TensorFunctions::unbind,
                (a, s, c) -> JavaExpr.atom(c.ops() + "unbind(" + a.get(0).java() + ", " + a.get(1).java() + ")",
                        ValueKind.TENSORS)));
        return out;
    }

    private static JavaExpr call(String function, JavaExpr... args) {
        List<String> js = new ArrayList<>();
        for (JavaExpr a : args) {
            js.add(a.java());
        }
        return JavaExpr.atom(function + "(" + String.join(", ", js) + ")", ValueKind.TENSOR);
    }

    private static Value permute(List<Value> args, Site s) {
        Shape x = TensorOps.tensor(args, 0, "permute", s.at());
        List<Value> order = TensorOps.list(args, 1, "permute", s.at());
        if (order.size() != x.rank()) {
            throw new ArchError(s.at(), "permute of a rank-" + x.rank() + " tensor " + x + " needs "
                    + x.rank() + " axes, got " + order.size());
        }
        long[] dims = new long[x.rank()];
        boolean[] used = new boolean[x.rank()];
        for (int i = 0; i < order.size(); i++) {
            int axis = x.axis(TensorOps.integer(order.get(i), s.at()));
            if (axis < 0 || used[axis]) {
                throw new ArchError(s.at(), "permute axes " + new Value.ListOf(order)
                        + " are not a permutation of 0.." + (x.rank() - 1));
            }
            used[axis] = true;
            dims[i] = x.dim(axis);
        }
        return new Value.Tensor(new Shape(dims));
    }

    private static Value cat(List<Value> args, Site s) {
        List<Value> parts = TensorOps.list(args, 0, "cat", s.at());
        if (parts.isEmpty()) {
            throw new ArchError(s.at(), "cat needs at least one tensor");
        }
        Shape first = TensorOps.asTensor(parts.get(0), s.at(), "cat");
        int axis = TensorOps.axis(first, args, 1, s.at(), "cat");
        long[] dims = first.concrete();
        for (int i = 1; i < parts.size(); i++) {
            Shape t = TensorOps.asTensor(parts.get(i), s.at(), "cat");
            for (int d = 0; d < dims.length; d++) {
                if (d != axis && (t.rank() != first.rank() || t.dim(d) != first.dim(d))) {
                    throw new ArchError(s.at(), "cat along axis " + axis + " needs equal other dimensions, got "
                            + first + " and " + t);
                }
            }
            dims[axis] = Checked.sum(s.at(), "the size of cat along axis " + axis, dims[axis], t.dim(axis));
        }
        return new Value.Tensor(new Shape(dims));
    }

    private static Value unbind(List<Value> args, Site s) {
        Shape x = TensorOps.tensor(args, 0, "unbind", s.at());
        int axis = TensorOps.axis(x, args, 1, s.at(), "unbind");
        if (x.dim(axis) == Shape.BATCH) {
            throw new ArchError(s.at(), "unbind along the batch dimension has no static count");
        }
        SizeLimits.checkListLength(x.dim(axis), s.at(), "unbind into a tuple");
        long[] rest = new long[x.rank() - 1];
        for (int d = 0, j = 0; d < x.rank(); d++) {
            if (d != axis) {
                rest[j++] = x.dim(d);
            }
        }
        List<Value> items = new ArrayList<>();
        for (long i = 0; i < x.dim(axis); i++) {
            items.add(new Value.Tensor(new Shape(rest)));
        }
        return new Value.Tuple(items);
    }
}
