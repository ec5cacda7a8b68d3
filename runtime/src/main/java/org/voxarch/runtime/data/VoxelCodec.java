package org.voxarch.runtime.data;

import java.nio.ByteBuffer;

/**
 * Converts stored voxel bytes to and from {@code float}, one buffer-full at a time so that a volume never exists
 * twice in memory (once as bytes, once as floats). Integer types wider than 24 bits and float64 lose precision in
 * float; that is the price of one value type for every image.
 */
final class VoxelCodec {
    private VoxelCodec() {
    }

    /**
     * Decodes {@code count} voxels from {@code src} (read from its position, in its byte order) into
     * {@code dst[offset..]}, applying {@code value * slope + inter} when {@code scaled}.
     */
    static void decode(ByteBuffer src, NiftiDatatype type, float[] dst, int offset, int count, boolean scaled,
            double slope, double inter) {
        int end = offset + count;
        switch (type) {
            case UINT8 -> {
                for (int i = offset; i < end; i++) {
                    dst[i] = src.get() & 0xFF;
                }
            }
            case INT8 -> {
                for (int i = offset; i < end; i++) {
                    dst[i] = src.get();
                }
            }
            case INT16 -> {
                for (int i = offset; i < end; i++) {
                    dst[i] = src.getShort();
                }
            }
            case UINT16 -> {
                for (int i = offset; i < end; i++) {
                    dst[i] = src.getShort() & 0xFFFF;
                }
            }
            case INT32 -> {
                for (int i = offset; i < end; i++) {
                    dst[i] = src.getInt();
                }
            }
            case UINT32 -> {
                for (int i = offset; i < end; i++) {
                    dst[i] = src.getInt() & 0xFFFFFFFFL;
                }
            }
            case INT64 -> {
                for (int i = offset; i < end; i++) {
                    dst[i] = src.getLong();
                }
            }
            case FLOAT32 -> {
                for (int i = offset; i < end; i++) {
                    dst[i] = src.getFloat();
                }
            }
            case FLOAT64 -> {
                for (int i = offset; i < end; i++) {
                    dst[i] = (float) src.getDouble();
                }
            }
            default -> throw new IllegalStateException("unhandled datatype " + type);
        }
        if (scaled) {
            for (int i = offset; i < end; i++) {
                dst[i] = (float) (dst[i] * slope + inter);
            }
        }
    }

    /**
     * Encodes {@code src[offset..offset+count)} into {@code dst} (at its position, in its byte order). Integer types
     * get the nearest integer (ties to even); a value that does not fit is reported with its index.
     *
     * @return -1 when every value fitted, else the index of the first value that does not (nothing is encoded then)
     */
    static int encode(float[] src, int offset, int count, NiftiDatatype type, ByteBuffer dst) {
        int end = offset + count;
        if (type.integer) {
            for (int i = offset; i < end; i++) {
                double v = Math.rint(src[i]);
                if (!(v >= type.min && v <= type.max)) {
                    return i;
                }
            }
        }
        switch (type) {
            case UINT8, INT8 -> {
                for (int i = offset; i < end; i++) {
                    dst.put((byte) (long) Math.rint(src[i]));
                }
            }
            case INT16, UINT16 -> {
                for (int i = offset; i < end; i++) {
                    dst.putShort((short) (long) Math.rint(src[i]));
                }
            }
            case INT32, UINT32 -> {
                for (int i = offset; i < end; i++) {
                    dst.putInt((int) (long) Math.rint(src[i]));
                }
            }
            case INT64 -> {
                for (int i = offset; i < end; i++) {
                    dst.putLong((long) Math.rint(src[i]));
                }
            }
            case FLOAT32 -> {
                for (int i = offset; i < end; i++) {
                    dst.putFloat(src[i]);
                }
            }
            case FLOAT64 -> {
                for (int i = offset; i < end; i++) {
                    dst.putDouble(src[i]);
                }
            }
            default -> throw new IllegalStateException("unhandled datatype " + type);
        }
        return -1;
    }
}
