package org.voxarch.runtime.io.torch;

import java.nio.ByteOrder;
import java.util.List;

/** A numpy dtype from a pickle: its type code (such as {@code f8}) and byte order. */
final class NumpyDtype {
    private final String code;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    NumpyDtype(String code) {
        this.code = code;
    }

    /** The state numpy pickles: {@code (version, byteorder, ...)}. */
    void setState(List<Object> state) {
        if (state.size() > 1 && ">".equals(state.get(1))) {
            order = ByteOrder.BIG_ENDIAN;
        }
    }

    String code() {
        return code;
    }

    ByteOrder order() {
        return order;
    }
}
