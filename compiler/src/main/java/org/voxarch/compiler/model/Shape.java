package org.voxarch.compiler.model;

import java.util.Arrays;

/**
 * A tensor shape whose first dimensions may be the symbolic batch {@code B} (stored as {@link #BATCH}); every other
 * dimension is a concrete size.
 */
public record Shape(long[] dims) {
    public static final long BATCH = -1;

    public static Shape of(long... dims) {
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    /** The number of elements for one sample (B counted as 1); ArithmeticException when it exceeds a long. */
    public long numelPerSample() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d == BATCH ? 1 : d);
        }
        return n;
    }

    public int batchDims() {
        int n = 0;
        for (long d : dims) {
            if (d == BATCH) {
                n++;
            }
        }
        return n;
    }

    /** Axis normalised to 0..rank-1, or -1 if out of range. */
    public int axis(long axis) {
        long a = axis < 0 ? axis + dims.length : axis;
        return a < 0 || a >= dims.length ? -1 : (int) a;
    }

    public long[] concrete() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code [B, 32, 64, 64]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(dims[i] == BATCH ? "B" : Long.toString(dims[i]));
        }
        return b.append(']').toString();
    }
}
