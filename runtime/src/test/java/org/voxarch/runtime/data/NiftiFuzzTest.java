package org.voxarch.runtime.data;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of a valid NIfTI file (header fields set to edge values, random bytes, truncation, surplus data,
 * gzip): every read either succeeds or throws a {@link NiftiException} naming the file. Never an
 * OutOfMemoryError, NegativeArraySizeException, IndexOutOfBoundsException or any other failure.
 */
class NiftiFuzzTest {
    private static final long SEED = 20261203L;
    private static final int INPUTS = 2000;
    /** Offsets of the 16-bit fields: dim[0..7], datatype, bitpix, qform_code, sform_code. */
    private static final int[] SHORT_FIELDS = {40, 42, 44, 46, 48, 50, 52, 54, 70, 72, 252, 254};
    /** Offsets of the float fields: pixdim[0..7], vox_offset, scl_slope, scl_inter, quatern..qoffset, srow. */
    private static final int[] FLOAT_FIELDS = {76, 80, 84, 88, 92, 96, 100, 104, 108, 112, 116, 256, 260, 264, 268,
        272, 276, 280, 284, 296, 300, 312, 324};
    private static final short[] SHORTS = {0, -1, 1, 2, 3, 4, 5, 7, 8, 16, 64, 512, 1290, 32767, -32768, 768, 1024};
    private static final float[] FLOATS = {0, -1, 1, 347, 348, 352, 353, 1e9f, -1e9f, Float.NaN,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, Float.MIN_VALUE, 3e38f};

    @TempDir
    Path dir;

    @Test
    void everyMutatedFileIsReadOrRefusedWithANiftiException() throws IOException {
        byte[] valid = validFile();
        Random random = new Random(SEED);
        int read = 0;
        int refused = 0;
        for (int i = 0; i < INPUTS; i++) {
            String[] how = new String[1];
            byte[] bytes = mutate(valid, random, how);
            Path file = dir.resolve("case" + i + (random.nextBoolean() ? ".nii" : ".nii.gz"));
            Files.write(file, bytes);
            for (int reader = 0; reader < 3; reader++) {
                try {
                    switch (reader) {
                        case 0 -> Nifti.readHeader(file);
                        case 1 -> requireUsable(Nifti.read(file), i, how[0]);
                        default -> Nifti.readVolumes(file, Nifti.NonFinite.ALLOW).forEach(v -> requireUsable(v, -1, ""));
                    }
                    read++;
                } catch (NiftiException e) {
                    assertTrue(e.getMessage().startsWith(file + ": "), "input " + i + " (" + how[0]
                            + "): message does not start with the path: " + e.getMessage());
                    refused++;
                } catch (Throwable t) {
                    fail("input " + i + " (seed " + SEED + ", " + how[0] + "), reader " + reader + ": " + t, t);
                }
            }
            Files.delete(file);
        }
        assertTrue(read > 0 && refused > 0, "both outcomes occur: " + read + " read, " + refused + " refused");
    }

    /** What is read must be usable: positive finite spacing and a finite world geometry. */
    private static void requireUsable(Volume v, int input, String how) {
        for (double s : v.spacing()) {
            assertTrue(s > 0 && Double.isFinite(s), "input " + input + " (" + how + "): spacing " + v);
        }
        for (double m : v.geometry().sformCode() > 0 ? v.geometry().sform() : new double[0]) {
            assertTrue(Double.isFinite(m), "input " + input + " (" + how + "): sform not finite");
        }
        for (double m : v.geometry().qformCode() > 0 ? v.geometry().qform() : new double[0]) {
            assertTrue(Double.isFinite(m), "input " + input + " (" + how + "): qform not finite");
        }
    }

    /** A 4×3×2 float32 image, little-endian, with a sform. */
    private static byte[] validFile() {
        float[] values = new float[24];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f - 3;
        }
        NiftiBytes b = new NiftiBytes(ByteOrder.LITTLE_ENDIAN, new int[] {4, 3, 2}, 16, 4, new float[] {1, 2, 3})
                .sform(1, new float[] {1, 0, 0, 5, 0, 2, 0, 6, 0, 0, 3, 7});
        return b.file(b.floats(values));
    }

    private static byte[] mutate(byte[] valid, Random random, String[] how) {
        byte[] bytes = valid.clone();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder log = new StringBuilder();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(7)) {
                case 0 -> {
                    int at = SHORT_FIELDS[random.nextInt(SHORT_FIELDS.length)];
                    short v = random.nextInt(4) == 0 ? (short) random.nextInt() : SHORTS[random.nextInt(SHORTS.length)];
                    b.putShort(at, v);
                    log.append("short@").append(at).append('=').append(v).append(' ');
                }
                case 1 -> {
                    int at = FLOAT_FIELDS[random.nextInt(FLOAT_FIELDS.length)];
                    float v = random.nextInt(4) == 0 ? Float.intBitsToFloat(random.nextInt())
                            : FLOATS[random.nextInt(FLOATS.length)];
                    b.putFloat(at, v);
                    log.append("float@").append(at).append('=').append(v).append(' ');
                }
                case 2 -> {
                    int at = random.nextInt(bytes.length);
                    bytes[at] = (byte) random.nextInt();
                    log.append("byte@").append(at).append(' ');
                }
                case 6 -> {
                    short v = SHORTS[random.nextInt(SHORTS.length)];
                    int first = random.nextBoolean() ? 1 : 4;
                    for (int d = first; d < first + 3; d++) {
                        b.putShort(40 + 2 * d, v);
                    }
                    log.append("dim[").append(first).append("..").append(first + 2).append("]=").append(v).append(' ');
                }
                case 3 -> {
                    b.putInt(0, Integer.reverseBytes(348));
                    log.append("byte-swapped sizeof_hdr ");
                }
                case 4 -> {
                    int length = random.nextInt(bytes.length + 1);
                    log.append("truncated to ").append(length).append(' ');
                    return finish(Arrays.copyOf(bytes, length), random, log, how);
                }
                default -> {
                    int extra = 1 + random.nextInt(4096);
                    log.append("plus ").append(extra).append(" bytes ");
                    return finish(Arrays.copyOf(bytes, bytes.length + extra), random, log, how);
                }
            }
        }
        return finish(bytes, random, log, how);
    }

    /** Gzips half of the inputs, and truncates some of those inside the gzip stream. */
    private static byte[] finish(byte[] bytes, Random random, StringBuilder log, String[] how) {
        byte[] out = bytes;
        if (random.nextBoolean()) {
            out = NiftiBytes.gzip(bytes);
            log.append("gzip ");
            if (random.nextInt(4) == 0) {
                int length = random.nextInt(out.length + 1);
                out = Arrays.copyOf(out, length);
                log.append("cut to ").append(length);
            }
        }
        how[0] = log.toString().trim();
        return out;
    }
}
