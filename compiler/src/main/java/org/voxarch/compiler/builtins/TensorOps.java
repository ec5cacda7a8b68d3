package org.voxarch.compiler.builtins;

import java.util.List;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;

/** Shape rules shared by the tensor functions and operators usable in {@code forward} (see {@link TensorFunctions}). */
public final class TensorOps {
    private TensorOps() {
    }

    /** Element-wise arithmetic with broadcasting. */
    public static Shape broadcast(String op, Shape a, Shape b, Span at) {
        int rank = Math.max(a.rank(), b.rank());
        long[] dims = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
            long y = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
            if (x == y || y == 1) {
                dims[i] = x;
            } else if (x == 1) {
                dims[i] = y;
            } else {
                throw new ArchError(at, "cannot " + verb(op) + " tensors of shapes " + a + " and " + b
                        + ": dimension " + i + " is " + dimText(x) + " vs " + dimText(y));
            }
        }
        return new Shape(dims);
    }

    /** {@code a @ b}: batched matrix product with broadcast leading dimensions. */
    public static Shape matmul(Shape a, Shape b, Span at, FlopSink flops) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new ArchError(at, "@ needs tensors of rank 2 or more, got " + a + " and " + b);
        }
        long n = a.dim(-2);
        long m = a.dim(-1);
        long p = b.dim(-1);
        if (b.dim(-2) != m) {
            throw new ArchError(at, "cannot multiply " + a + " @ " + b + ": inner dimensions " + dimText(m)
                    + " and " + dimText(b.dim(-2)) + " differ");
        }
        Shape lead = broadcast("@", new Shape(java.util.Arrays.copyOf(a.dims(), a.rank() - 2)),
                new Shape(java.util.Arrays.copyOf(b.dims(), b.rank() - 2)), at);
        long[] dims = java.util.Arrays.copyOf(lead.dims(), lead.rank() + 2);
        dims[lead.rank()] = n;
        dims[lead.rank() + 1] = p;
        flops.add(Checked.product(at, "the FLOPs of " + a + " @ " + b, Checked.numel(at, lead), n, m, p));
        return new Shape(dims);
    }

    /** A layout function's result keeps the element type of its tensor argument (the first). */
    static Value keepDtype(Value result, List<Value> args) {
        return args.get(0) instanceof Value.Tensor x && result instanceof Value.Tensor r
                ? new Value.Tensor(r.shape(), x.dtype()) : result;
    }

    static Value reshape(Shape x, List<Value> target, Span at) {
        long[] dims = new long[target.size()];
        int inferred = -1;
        long known = 1;
        int batch = 0;
        for (int i = 0; i < dims.length; i++) {
            Value v = target.get(i);
            if (v instanceof Value.Batch) {
                dims[i] = Shape.BATCH;
                batch++;
            } else {
                long d = integer(v, at);
                if (d == -1) {
                    if (inferred >= 0) {
                        throw new ArchError(at, "reshape can infer only one dimension (-1), got two in "
                                + new Value.ListOf(target));
                    }
                    inferred = i;
                } else if (d <= 0) {
                    throw new ArchError(at, "reshape dimension " + i + " must be positive, got " + d);
                } else {
                    known = Checked.product(at, "the size of reshape target " + target, known, d);
                }
                dims[i] = d;
            }
        }
        if (batch != x.batchDims()) {
            throw new ArchError(at, "reshape of " + x + " must keep the batch dimension B");
        }
        long total = Checked.numel(at, x);
        if (inferred >= 0) {
            if (total % known != 0) {
                throw new ArchError(at, "cannot reshape " + x + " (" + total + " elements per sample) to "
                        + shapeWithInferred(dims, inferred) + ": " + total + " elements are not a multiple of the "
                        + known + " that the other dimensions hold");
            }
            dims[inferred] = total / known;
        } else if (known != total) {
            throw new ArchError(at, "cannot reshape " + x + " (" + total + " elements per sample) to "
                    + new Shape(dims) + " (" + known + ")");
        }
        return new Value.Tensor(new Shape(dims));
    }

    /** {@code [B, -1, 5]}: the target as written, -1 where a dimension is inferred. */
    private static String shapeWithInferred(long[] dims, int inferred) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            // The -1 is checked first: it has the batch dimension's value.
            b.append(i > 0 ? ", " : "").append(i == inferred ? "-1" : dims[i] == Shape.BATCH ? "B"
                    : Long.toString(dims[i]));
        }
        return b.append(']').toString();
    }

    private static String verb(String op) {
        return switch (op) {
            case "+" -> "add";
            case "-" -> "subtract";
            case "*" -> "multiply";
            case "/" -> "divide";
            case "==", "!=", "<", "<=", ">", ">=" -> "compare";
            default -> "broadcast";
        };
    }

    private static String dimText(long d) {
        return d == Shape.BATCH ? "B" : Long.toString(d);
    }

    static Shape tensor(List<Value> args, int i, String fn, Span at) {
        if (args.size() <= i) {
            throw new ArchError(at, fn + " is missing argument " + (i + 1));
        }
        return asTensor(args.get(i), at, fn);
    }

    /** The shape of a float32 tensor argument: layers take values, not indices or masks. */
    public static Shape asFloatTensor(Value v, Span at, String fn) {
        Shape shape = asTensor(v, at, fn);
        if (!((Value.Tensor) v).isFloat()) {
            throw new ArchError(at, fn + " takes a float32 tensor, got the " + v.describe());
        }
        return shape;
    }

    public static Shape asTensor(Value v, Span at, String fn) {
        if (v instanceof Value.Tensor t) {
            return t.shape();
        }
        throw new ArchError(at, fn + " expects a tensor but got " + v.describe());
    }

    static List<Value> list(List<Value> args, int i, String fn, Span at) {
        if (args.size() <= i) {
            throw new ArchError(at, fn + " is missing argument " + (i + 1));
        }
        if (args.get(i) instanceof Value.ListOf l) {
            return l.items();
        }
        throw new ArchError(at, fn + " expects a list as argument " + (i + 1) + " but got " + args.get(i).describe());
    }

    static int axis(Shape x, List<Value> args, int i, Span at, String fn) {
        if (args.size() <= i) {
            throw new ArchError(at, fn + " is missing its axis (argument " + (i + 1) + ")")
                    .withHelp("axes count from 0, or from -1 for the last one");
        }
        long a = integer(args.get(i), at);
        int axis = x.axis(a);
        if (axis < 0) {
            throw new ArchError(at, "axis " + a + " is out of range for a rank-" + x.rank() + " tensor " + x);
        }
        return axis;
    }

    static long integer(Value v, Span at) {
        if (v instanceof Value.Int i) {
            return i.value();
        }
        throw new ArchError(at, "expected an int but got " + v.describe());
    }

}
