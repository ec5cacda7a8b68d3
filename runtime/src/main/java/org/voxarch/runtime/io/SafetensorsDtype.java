package org.voxarch.runtime.io;

import java.util.Optional;

import org.bytedeco.pytorch.global.torch.ScalarType;

/** The safetensors dtype codes this runtime reads and writes, with their libtorch types. */
enum SafetensorsDtype {
    F64(ScalarType.Double, 8),
    F32(ScalarType.Float, 4),
    F16(ScalarType.Half, 2),
    BF16(ScalarType.BFloat16, 2),
    I64(ScalarType.Long, 8),
    I32(ScalarType.Int, 4),
    I16(ScalarType.Short, 2),
    I8(ScalarType.Char, 1),
    U8(ScalarType.Byte, 1),
    BOOL(ScalarType.Bool, 1);

    final ScalarType scalarType;
    final int bytes;

    SafetensorsDtype(ScalarType scalarType, int bytes) {
        this.scalarType = scalarType;
        this.bytes = bytes;
    }

    /** @return the dtype with this code (e.g. "F32"), if supported */
    static Optional<SafetensorsDtype> ofCode(String code) {
        for (SafetensorsDtype d : values()) {
            if (d.name().equals(code)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** @return the dtype that stores this libtorch type, if supported */
    static Optional<SafetensorsDtype> of(ScalarType type) {
        for (SafetensorsDtype d : values()) {
            if (d.scalarType.value == type.value) { // native calls return non-interned enum instances
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
