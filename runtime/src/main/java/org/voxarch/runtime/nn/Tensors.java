package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.empty;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;

/** Small helpers shared by the primitives. */
final class Tensors {
    private Tensors() {
    }

    /** The optional argument form of a nullable tensor (absent bias, non-affine norm). */
    static TensorOptional optional(Tensor t) {
        return t == null ? new TensorOptional() : new TensorOptional(t);
    }

    /** A copy of a per-axis argument of a 3-D op, checked to have three positive (or non-negative) entries. */
    static long[] perAxis(String what, long[] values, boolean zeroAllowed) {
        if (values == null || values.length != 3) {
            throw new IllegalArgumentException(what + " needs 3 values (z, y, x), got "
                    + (values == null ? "null" : values.length));
        }
        for (long v : values) {
            if (v < 0 || (v == 0 && !zeroAllowed)) {
                throw new IllegalArgumentException(what + " values must be " + (zeroAllowed ? "≥ 0" : "> 0")
                        + ", got " + java.util.Arrays.toString(values));
            }
        }
        return values.clone();
    }

    static void requirePositive(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }

    static long product(long[] values) {
        long p = 1;
        for (long v : values) {
            p = Math.multiplyExact(p, v);
        }
        return p;
    }

    /** A float32 tensor of the given shape with PyTorch's default weight/bias init for {@code fanIn}. */
    static Tensor kaimingDefault(long fanIn, long... shape) {
        Tensor t = empty(shape);
        Init.kaimingUniformDefault(t, fanIn);
        return t;
    }
}
