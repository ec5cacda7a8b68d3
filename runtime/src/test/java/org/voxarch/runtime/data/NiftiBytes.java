package org.voxarch.runtime.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Builds NIfTI-1 files byte by byte from the standard's field offsets, independently of {@link Nifti}'s writer, so
 * that reader tests do not only check the writer against itself.
 */
final class NiftiBytes {
    private final ByteBuffer header = ByteBuffer.allocate(352);

    /** A 3-D header: dims (x, y, z), datatype code and bytes per voxel, pixdim (x, y, z), vox_offset 352. */
    NiftiBytes(ByteOrder order, int[] dimsXyz, int datatype, int bytes, float[] pixdimXyz) {
        header.order(order);
        header.putInt(0, 348);
        header.putShort(40, (short) dimsXyz.length);
        for (int i = 0; i < dimsXyz.length; i++) {
            header.putShort(42 + 2 * i, (short) dimsXyz[i]);
        }
        for (int i = dimsXyz.length; i < 7; i++) {
            header.putShort(42 + 2 * i, (short) 1);
        }
        header.putShort(70, (short) datatype);
        header.putShort(72, (short) (8 * bytes));
        header.putFloat(76, 1f);
        for (int i = 0; i < pixdimXyz.length; i++) {
            header.putFloat(80 + 4 * i, pixdimXyz[i]);
        }
        header.putFloat(108, 352f);
        header.put(344, "n+1\0".getBytes(StandardCharsets.ISO_8859_1));
    }

    NiftiBytes scaling(float slope, float inter) {
        header.putFloat(112, slope);
        header.putFloat(116, inter);
        return this;
    }

    NiftiBytes magic(String fourChars) {
        header.put(344, fourChars.getBytes(StandardCharsets.ISO_8859_1), 0, 4);
        return this;
    }

    NiftiBytes sform(int code, float[] rows) {
        header.putShort(254, (short) code);
        for (int i = 0; i < 12; i++) {
            header.putFloat(280 + 4 * i, rows[i]);
        }
        return this;
    }

    /** Sets a 16-bit header field at its byte offset (dim 40.., datatype 70, qform_code 252, ...). */
    NiftiBytes field(int offset, short value) {
        header.putShort(offset, value);
        return this;
    }

    /** Sets a float header field at its byte offset (pixdim 76.., vox_offset 108, srow_x 280, ...). */
    NiftiBytes field(int offset, float value) {
        header.putFloat(offset, value);
        return this;
    }

    ByteOrder order() {
        return header.order();
    }

    /** @return header followed by {@code data} (already encoded in the header's order) */
    byte[] file(byte[] data) {
        byte[] out = new byte[352 + data.length];
        System.arraycopy(header.array(), 0, out, 0, 352);
        System.arraycopy(data, 0, out, 352, data.length);
        return out;
    }

    /** @return int16 values in the header's byte order */
    byte[] shorts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(header.order());
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    /** @return float32 values in the header's byte order */
    byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(header.order());
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
