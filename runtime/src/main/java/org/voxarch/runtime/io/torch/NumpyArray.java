package org.voxarch.runtime.io.torch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A numpy array or scalar from a pickle, as Java numbers (nnU-Net plans hold patch sizes and spacings so). */
public final class NumpyArray {
    private long[] shape = new long[0];
    private List<Object> values = List.of();

    /** @return the sizes */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the elements in C order: {@link Long}, {@link Double} or {@link Boolean} */
    public List<Object> values() {
        return values;
    }

    /** {@code ndarray.__setstate__((version, shape, dtype, is_fortran, data))}. */
    void setState(List<Object> state) {
        int base = state.size() == 5 ? 1 : 0;
        List<Object> sizes = PickleGlobals.list(state.get(base), "ndarray shape");
        shape = sizes.stream().mapToLong(PickleGlobals::number).toArray();
        if (!(state.get(base + 1) instanceof NumpyDtype dtype)) {
            throw new PickleException("ndarray state without a dtype");
        }
        if (Boolean.TRUE.equals(state.get(base + 2))) {
            throw new PickleException("Fortran-ordered numpy arrays are not supported");
        }
        Object data = state.get(base + 3);
        if (!(data instanceof byte[] bytes)) {
            throw new PickleException("numpy array of dtype " + dtype.code() + " (object arrays are not supported)");
        }
        int size = elementSize(dtype);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i + size <= bytes.length; i += size) {
            out.add(element(dtype, ByteBuffer.wrap(bytes, i, size).order(dtype.order())));
        }
        values = List.copyOf(out);
    }

    /** {@code numpy.core.multiarray.scalar(dtype, bytes)}: a Java number. */
    static Object scalar(NumpyDtype dtype, byte[] bytes) {
        if (bytes.length < elementSize(dtype)) {
            throw new PickleException("numpy scalar of dtype " + dtype.code() + " has " + bytes.length + " bytes");
        }
        return element(dtype, ByteBuffer.wrap(bytes).order(dtype.order()));
    }

    private static int elementSize(NumpyDtype dtype) {
        String code = dtype.code();
        if (code.equals("?")) {
            return 1;
        }
        try {
            return Integer.parseInt(code.substring(1));
        } catch (RuntimeException e) {
            throw new PickleException("numpy dtype '" + code + "' is not supported");
        }
    }

    private static Object element(NumpyDtype dtype, ByteBuffer b) {
        String code = dtype.code();
        return switch (code) {
            case "f8" -> b.getDouble();
            case "f4" -> (double) b.getFloat();
            case "i8", "u8" -> b.getLong();
            case "i4" -> (long) b.getInt();
            case "u4" -> b.getInt() & 0xffffffffL;
            case "i2" -> (long) b.getShort();
            case "u2" -> (long) (b.getShort() & 0xffff);
            case "i1" -> (long) b.get();
            case "u1" -> (long) (b.get() & 0xff);
            case "b1", "?" -> b.get() != 0;
            default -> throw new PickleException("numpy dtype '" + code + "' is not supported");
        };
    }
}
