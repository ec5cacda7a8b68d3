package org.voxarch.compiler.builtins;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.builtins.Builtin.Family;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;

/**
 * Tensor functions that move or resample voxels: {@code interpolate}, {@code pad}, {@code roll}. They count no
 * FLOPs: fvcore has no handle for 3-D resampling, padding or rolling, so it counts them as 0.
 */
final class GridFunctions {
    private GridFunctions() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("interpolate", Family.TENSOR, Signature.of(2, "x", "size", "mode", "align_corners"),
                        GridFunctions::interpolate, (a, s, c) -> JavaExpr.atom(c.ops() + "interpolate(" + a.get(0).java()
                        + ", " + a.get(1).java() + ", " + (a.size() > 2 ? a.get(2).java() : "\"nearest\"") + ", "
                        + (a.size() > 3 ? a.get(3).java() : "false") + ")", ValueKind.TENSOR)),
                new Builtin("pad", Family.TENSOR, Signature.of(2, "x", "pads", "mode", "value"), GridFunctions::pad,
                        (a, s, c) -> JavaExpr.atom(c.ops() + "pad(" + a.get(0).java() + ", " + a.get(1).java() + ", "
                                + (a.size() > 2 ? a.get(2).java() : "\"constant\"") + ", "
                                + (a.size() > 3 ? a.get(3).java() : "0.0") + ")", ValueKind.TENSOR)),
                new Builtin("roll", Family.TENSOR, Signature.of(3, "x", "shifts", "dims"), GridFunctions::roll,
                        (a, s, c) -> JavaExpr.atom(c.ops() + "roll(" + a.get(0).java() + ", " + longs(a.get(1)) + ", "
                                + longs(a.get(2)) + ")", ValueKind.TENSOR)));
    }

    /** A {@code long[]} argument: an int becomes a one-element array. */
    private static String longs(JavaExpr e) {
        return e.kind() == ValueKind.INT ? "new long[] {" + e.java() + "}" : e.java();
    }

    private static Value interpolate(List<Value> args, Site s) {
        Span at = s.at();
        Value.Tensor x = floatTensor(args, 0, "interpolate", at);
        if (x.shape().rank() != 5) {
            throw new ArchError(at, "interpolate expects a 5-D tensor [B, C, Z, Y, X] but got " + x.shape());
        }
        String mode = args.size() > 2 ? Choices.check(args.get(2), "interpolate's mode", Choices.INTERPOLATION_MODES,
                at) : "nearest";
        if (args.size() > 3 && !(args.get(3) instanceof Value.Bool)) {
            throw new ArchError(at, "interpolate's align_corners is a bool, got " + args.get(3).describe());
        }
        if (args.size() > 3 && ((Value.Bool) args.get(3)).value() && mode.equals("nearest")) {
            throw new ArchError(at, "align_corners = true is only for mode \"trilinear\"");
        }
        long[] dims = x.shape().concrete();
        Value size = args.get(1);
        if (size instanceof Value.ListOf l) {
            if (l.items().size() != 3) {
                throw new ArchError(at, "interpolate's size has 3 sizes [Z, Y, X], got " + l);
            }
            for (int i = 0; i < 3; i++) {
                long d = TensorOps.integer(l.items().get(i), at);
                if (d <= 0) {
                    throw new ArchError(at, "interpolate's size must be positive, got " + l);
                }
                dims[2 + i] = d;
            }
        } else if (Numbers.numeric(size)) {
            double scale = Numbers.asDouble(size);
            for (int i = 0; i < 3; i++) {
                double d = Math.floor(x.shape().dim(2 + i) * scale);
                if (!(d >= 1) || d > Long.MAX_VALUE / 2) {
                    throw new ArchError(at, "interpolate by scale " + size + " turns size " + x.shape().dim(2 + i)
                            + " on spatial axis " + i + " into " + (long) d);
                }
                dims[2 + i] = (long) d;
            }
        } else {
            throw new ArchError(at, "interpolate takes a size [Z, Y, X] or a scale factor, got " + size.describe());
        }
        return new Value.Tensor(new Shape(dims));
    }

    private static Value pad(List<Value> args, Span at, Value.Tensor x, List<Value> pads, String mode) {
        int rank = x.shape().rank();
        if (pads.size() % 2 != 0 || pads.isEmpty() || pads.size() > 2 * rank) {
            throw new ArchError(at, "pad takes pairs [lo, hi] for up to " + rank + " axes, last axis first; got "
                    + pads.size() + " values for a rank-" + rank + " tensor " + x.shape());
        }
        int axes = pads.size() / 2;
        if (!mode.equals("constant") && !(axes <= 3 && (rank == axes + 1 || rank == axes + 2))) {
            throw new ArchError(at, "pad mode \"" + mode + "\" pads the last 1, 2 or 3 axes of a tensor with one or"
                    + " two more axes; got " + axes + " axes of a rank-" + rank + " tensor " + x.shape());
        }
        long[] dims = x.shape().concrete();
        for (int i = 0; i < axes; i++) {
            int axis = rank - 1 - i;
            long lo = TensorOps.integer(pads.get(2 * i), at);
            long hi = TensorOps.integer(pads.get(2 * i + 1), at);
            if (lo < 0 || hi < 0) {
                throw new ArchError(at, "pad values must not be negative, got " + new Value.ListOf(pads));
            }
            if (dims[axis] == Shape.BATCH) {
                throw new ArchError(at, "pad cannot pad the batch dimension B (axis " + axis + ")");
            }
            if (mode.equals("reflect") && (lo >= dims[axis] || hi >= dims[axis])) {
                throw new ArchError(at, "pad mode \"reflect\" needs padding smaller than the size " + dims[axis]
                        + " of axis " + axis + ", got [" + lo + ", " + hi + "]");
            }
            dims[axis] = Checked.sum(at, "the padded size of axis " + axis, Checked.sum(at, "the padded size", dims[axis],
                    lo), hi);
        }
        return new Value.Tensor(new Shape(dims), x.dtype());
    }

    private static Value pad(List<Value> args, Site s) {
        Span at = s.at();
        Value.Tensor x = floatTensor(args, 0, "pad", at);
        List<Value> pads = TensorOps.list(args, 1, "pad", at);
        String mode = args.size() > 2 ? Choices.check(args.get(2), "pad's mode", Choices.PAD_MODES, at) : "constant";
        if (args.size() > 3) {
            if (!Numbers.numeric(args.get(3))) {
                throw new ArchError(at, "pad's value is a number, got " + args.get(3).describe());
            }
            if (!mode.equals("constant") && Numbers.asDouble(args.get(3)) != 0) {
                throw new ArchError(at, "pad mode \"" + mode + "\" takes no fill value; it is for mode \"constant\"");
            }
        }
        return pad(args, at, x, pads, mode);
    }

    private static Value roll(List<Value> args, Site s) {
        Span at = s.at();
        Value.Tensor x = anyTensor(args, 0, "roll", at);
        List<Value> shifts = ints(args.get(1), "roll's shifts", at);
        List<Value> dims = ints(args.get(2), "roll's dims", at);
        if (shifts.size() != dims.size() || shifts.isEmpty()) {
            throw new ArchError(at, "roll needs one shift per axis, got " + shifts.size() + " shifts for "
                    + dims.size() + " axes");
        }
        for (Value d : dims) {
            long a = TensorOps.integer(d, at);
            if (x.shape().axis(a) < 0) {
                throw new ArchError(at, "axis " + a + " is out of range for a rank-" + x.shape().rank() + " tensor "
                        + x.shape());
            }
        }
        return x;
    }

    private static List<Value> ints(Value v, String what, Span at) {
        List<Value> items = v instanceof Value.ListOf l ? l.items() : List.of(v);
        for (Value item : items) {
            if (!(item instanceof Value.Int)) {
                throw new ArchError(at, what + " are an int or a list of ints, got " + v.describe());
            }
        }
        return new ArrayList<>(items);
    }

    static Value.Tensor anyTensor(List<Value> args, int i, String fn, Span at) {
        TensorOps.tensor(args, i, fn, at);
        return (Value.Tensor) args.get(i);
    }

    /** Argument {@code i} as a float32 tensor (resampling and padding work on values, not indices or masks). */
    static Value.Tensor floatTensor(List<Value> args, int i, String fn, Span at) {
        Value.Tensor t = anyTensor(args, i, fn, at);
        if (!t.isFloat()) {
            throw new ArchError(at, fn + " works on float32 tensors, got the " + t.describe());
        }
        return t;
    }
}
