package org.voxarch.runtime.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The NIfTI-1 voxel datatypes this reader and writer support, with their header codes and sizes. */
public enum NiftiDatatype {
    UINT8(2, 1, true, 0, 255),
    INT8(256, 1, true, Byte.MIN_VALUE, Byte.MAX_VALUE),
    INT16(4, 2, true, Short.MIN_VALUE, Short.MAX_VALUE),
    UINT16(512, 2, true, 0, 65535),
    INT32(8, 4, true, Integer.MIN_VALUE, Integer.MAX_VALUE),
    UINT32(768, 4, true, 0, 4294967295.0),
    INT64(1024, 8, true, Long.MIN_VALUE, Long.MAX_VALUE),
    FLOAT32(16, 4, false, -Float.MAX_VALUE, Float.MAX_VALUE),
    FLOAT64(64, 8, false, -Double.MAX_VALUE, Double.MAX_VALUE);

    /** The {@code datatype} header field. */
    public final int code;
    /** Bytes per voxel ({@code bitpix / 8}). */
    public final int bytes;
    /** Whether the type holds integers (values are rounded and range-checked on writing). */
    public final boolean integer;
    /** Smallest and largest value the type can hold. */
    public final double min;
    public final double max;

    NiftiDatatype(int code, int bytes, boolean integer, double min, double max) {
        this.code = code;
        this.bytes = bytes;
        this.integer = integer;
        this.min = min;
        this.max = max;
    }

    /** @return the supported type with this header code, if any */
    public static Optional<NiftiDatatype> ofCode(int code) {
        for (NiftiDatatype t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** @return the standard's name for a datatype code (supported or not), e.g. {@code 128 (RGB24)} */
    static String describeCode(int code) {
        String name = switch (code) {
            case 0 -> "unknown";
            case 1 -> "binary";
            case 32 -> "complex64";
            case 128 -> "RGB24";
            case 1280 -> "uint64";
            case 1536 -> "float128";
            case 1792 -> "complex128";
            case 2048 -> "complex256";
            case 2304 -> "RGBA32";
            default -> ofCode(code).map(NiftiDatatype::toString).orElse("not a NIfTI-1 datatype");
        };
        return code + " (" + name + ")";
    }

    /** @return the supported types as a readable list */
    static String supportedList() {
        return Arrays.stream(values()).map(NiftiDatatype::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
