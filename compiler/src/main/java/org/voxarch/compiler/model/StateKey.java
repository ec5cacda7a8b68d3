package org.voxarch.compiler.model;

/** One state-dict entry as the spec predicts it: key, shape, dtype, parameter or buffer, and the key it aliases. */
public record StateKey(String key, long[] shape, String dtype, boolean buffer, String aliasOf) {

    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** {@code [32, 1, 2, 4, 4]}, or {@code []} for a scalar, as in the reference key lists. */
    public String shapeText() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(']').toString();
    }
}
