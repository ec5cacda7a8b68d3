package org.voxarch.runtime.io.torch;

import java.util.Optional;

import org.bytedeco.pytorch.global.torch.ScalarType;

/** The typed storages of {@code torch.save} files ({@code torch.FloatStorage}, ...), with their libtorch types. */
public enum TorchDtype {
    DOUBLE("DoubleStorage", ScalarType.Double, 8),
    FLOAT("FloatStorage", ScalarType.Float, 4),
    HALF("HalfStorage", ScalarType.Half, 2),
    BFLOAT16("BFloat16Storage", ScalarType.BFloat16, 2),
    LONG("LongStorage", ScalarType.Long, 8),
    INT("IntStorage", ScalarType.Int, 4),
    SHORT("ShortStorage", ScalarType.Short, 2),
    CHAR("CharStorage", ScalarType.Char, 1),
    BYTE("ByteStorage", ScalarType.Byte, 1),
    BOOL("BoolStorage", ScalarType.Bool, 1);

    private final String storageName;
    private final ScalarType scalarType;
    private final int bytes;

    TorchDtype(String storageName, ScalarType scalarType, int bytes) {
        this.storageName = storageName;
        this.scalarType = scalarType;
        this.bytes = bytes;
    }

    /** @return the class name in module {@code torch}, e.g. {@code FloatStorage} */
    public String storageName() {
        return storageName;
    }

    public ScalarType scalarType() {
        return scalarType;
    }

    /** @return bytes per element */
    public int bytes() {
        return bytes;
    }

    /** @return the dtype of a storage class name such as {@code FloatStorage} */
    static Optional<TorchDtype> ofStorage(String name) {
        for (TorchDtype d : values()) {
            if (d.storageName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** @return the dtype of a libtorch type */
    static Optional<TorchDtype> of(ScalarType type) {
        for (TorchDtype d : values()) {
            if (d.scalarType.value == type.value) { // native calls return non-interned enum instances
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
