package org.voxarch.compiler.builtins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;

/** Shape rules for the tensor functions and operators usable in {@code forward}. */
public final class TensorOps {
    /** Functions callable by name in forward, with their arity. */
    public static final Set<String> FUNCTIONS = Set.of("to_tokens", "to_grid", "reshape", "permute", "transpose",
            "softmax", "normalize", "cat", "unbind", "leaky_relu", "relu", "gelu", "sigmoid");

    /** How each function is called; its argument count is the most it takes. */
    private static final Map<String, String> USAGE = Map.ofEntries(
            Map.entry("to_tokens", "to_tokens(x)"), Map.entry("to_grid", "to_grid(tokens, like)"),
            Map.entry("reshape", "reshape(x, shape)"), Map.entry("permute", "permute(x, axes)"),
            Map.entry("transpose", "transpose(x, axis_a, axis_b)"),
            Map.entry("softmax", "softmax(x, axis)"), Map.entry("normalize", "normalize(x, axis)"),
            Map.entry("cat", "cat(tensors, axis)"), Map.entry("unbind", "unbind(x, axis)"),
            Map.entry("leaky_relu", "leaky_relu(x, slope)"), Map.entry("relu", "relu(x)"),
            Map.entry("gelu", "gelu(x)"), Map.entry("sigmoid", "sigmoid(x)"));

    private TensorOps() {
    }

    public static Value call(String fn, List<Value> args, Span at, FlopSink flops) {
        String usage = USAGE.get(fn);
        int most = usage.split(",").length;
        if (args.size() > most) {
            throw new ArchError(at, fn + " takes at most " + most + (most == 1 ? " argument" : " arguments") + ", got "
                    + args.size()).withHelp("write " + usage);
        }
        return switch (fn) {
            case "to_tokens" -> {
                Shape x = tensor(args, 0, fn, at);
                if (x.rank() != 5) {
                    throw new ArchError(at, "to_tokens expects [B, C, Z, Y, X] but got " + x);
                }
                yield new Value.Tensor(Shape.of(x.dim(0), x.dim(2) * x.dim(3) * x.dim(4), x.dim(1)));
            }
            case "to_grid" -> {
                Shape t = tensor(args, 0, fn, at);
                Shape like = tensor(args, 1, fn, at);
                if (t.rank() != 3 || like.rank() != 5) {
                    throw new ArchError(at, "to_grid expects tokens [B, N, C] and a grid [B, C, Z, Y, X], got "
                            + t + " and " + like);
                }
                long n = like.dim(2) * like.dim(3) * like.dim(4);
                if (t.dim(1) != n) {
                    throw new ArchError(at, "to_grid: " + t.dim(1) + " tokens do not fill the grid "
                            + like.dim(2) + "×" + like.dim(3) + "×" + like.dim(4) + " (" + n + " voxels)");
                }
                yield new Value.Tensor(Shape.of(t.dim(0), t.dim(2), like.dim(2), like.dim(3), like.dim(4)));
            }
            case "reshape" -> reshape(tensor(args, 0, fn, at), list(args, 1, fn, at), at);
            case "permute" -> {
                Shape x = tensor(args, 0, fn, at);
                List<Value> order = list(args, 1, fn, at);
                if (order.size() != x.rank()) {
                    throw new ArchError(at, "permute of a rank-" + x.rank() + " tensor " + x + " needs "
                            + x.rank() + " axes, got " + order.size());
                }
                long[] dims = new long[x.rank()];
                boolean[] used = new boolean[x.rank()];
                for (int i = 0; i < order.size(); i++) {
                    int axis = x.axis(integer(order.get(i), at));
                    if (axis < 0 || used[axis]) {
                        throw new ArchError(at, "permute axes " + new Value.ListOf(order)
                                + " are not a permutation of 0.." + (x.rank() - 1));
                    }
                    used[axis] = true;
                    dims[i] = x.dim(axis);
                }
                yield new Value.Tensor(new Shape(dims));
            }
            case "transpose" -> {
                Shape x = tensor(args, 0, fn, at);
                int a = axis(x, args, 1, at, fn);
                int b = axis(x, args, 2, at, fn);
                long[] dims = x.concrete();
                long t = dims[a];
                dims[a] = dims[b];
                dims[b] = t;
                yield new Value.Tensor(new Shape(dims));
            }
            case "softmax", "normalize" -> {
                Shape x = tensor(args, 0, fn, at);
                axis(x, args, 1, at, fn);
                yield new Value.Tensor(x);
            }
            case "leaky_relu", "relu", "gelu", "sigmoid" -> new Value.Tensor(tensor(args, 0, fn, at));
            case "cat" -> {
                List<Value> parts = list(args, 0, fn, at);
                if (parts.isEmpty()) {
                    throw new ArchError(at, "cat needs at least one tensor");
                }
                Shape first = asTensor(parts.get(0), at, "cat");
                int axis = axis(first, args, 1, at, fn);
                long[] dims = first.concrete();
                for (int i = 1; i < parts.size(); i++) {
                    Shape s = asTensor(parts.get(i), at, "cat");
                    for (int d = 0; d < dims.length; d++) {
                        if (d != axis && (s.rank() != first.rank() || s.dim(d) != first.dim(d))) {
                            throw new ArchError(at, "cat along axis " + axis + " needs equal other dimensions, got "
                                    + first + " and " + s);
                        }
                    }
                    dims[axis] += s.dim(axis);
                }
                yield new Value.Tensor(new Shape(dims));
            }
            case "unbind" -> {
                Shape x = tensor(args, 0, fn, at);
                int axis = axis(x, args, 1, at, fn);
                if (x.dim(axis) == Shape.BATCH) {
                    throw new ArchError(at, "unbind along the batch dimension has no static count");
                }
                SizeLimits.checkListLength(x.dim(axis), at, "unbind into a tuple");
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
                yield new Value.Tuple(items);
            }
            default -> throw new IllegalStateException(fn);
        };
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
        flops.add(lead.numelPerSample() * n * m * p);
        return new Shape(dims);
    }

    private static Value reshape(Shape x, List<Value> target, Span at) {
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
                        throw new ArchError(at, "reshape can infer only one dimension (-1)");
                    }
                    inferred = i;
                } else if (d <= 0) {
                    throw new ArchError(at, "reshape dimension " + i + " must be positive, got " + d);
                } else {
                    known *= d;
                }
                dims[i] = d;
            }
        }
        if (batch != x.batchDims()) {
            throw new ArchError(at, "reshape of " + x + " must keep the batch dimension B");
        }
        long total = x.numelPerSample();
        if (inferred >= 0) {
            if (total % known != 0) {
                throw new ArchError(at, "cannot reshape " + x + " (" + total + " elements per sample) to "
                        + new Shape(dims));
            }
            dims[inferred] = total / known;
        } else if (known != total) {
            throw new ArchError(at, "cannot reshape " + x + " (" + total + " elements per sample) to "
                    + new Shape(dims) + " (" + known + ")");
        }
        return new Value.Tensor(new Shape(dims));
    }

    private static String verb(String op) {
        return switch (op) {
            case "+" -> "add";
            case "-" -> "subtract";
            case "*" -> "multiply";
            case "/" -> "divide";
            default -> "broadcast";
        };
    }

    private static String dimText(long d) {
        return d == Shape.BATCH ? "B" : Long.toString(d);
    }

    private static Shape tensor(List<Value> args, int i, String fn, Span at) {
        if (args.size() <= i) {
            throw new ArchError(at, fn + " is missing argument " + (i + 1));
        }
        return asTensor(args.get(i), at, fn);
    }

    public static Shape asTensor(Value v, Span at, String fn) {
        if (v instanceof Value.Tensor t) {
            return t.shape();
        }
        throw new ArchError(at, fn + " expects a tensor but got " + v.describe());
    }

    private static List<Value> list(List<Value> args, int i, String fn, Span at) {
        if (args.size() <= i) {
            throw new ArchError(at, fn + " is missing argument " + (i + 1));
        }
        if (args.get(i) instanceof Value.ListOf l) {
            return l.items();
        }
        throw new ArchError(at, fn + " expects a list as argument " + (i + 1) + " but got " + args.get(i).describe());
    }

    private static int axis(Shape x, List<Value> args, int i, Span at, String fn) {
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

    private static long integer(Value v, Span at) {
        if (v instanceof Value.Int i) {
            return i.value();
        }
        throw new ArchError(at, "expected an int but got " + v.describe());
    }

    /** Where matmul FLOPs are counted (the block whose forward does the product). */
    public interface FlopSink {
        void add(long flops);
    }
}
