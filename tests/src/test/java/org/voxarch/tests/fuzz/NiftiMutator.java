package org.voxarch.tests.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Hostile variants of a valid single-file NIfTI-1 image as our writer makes it (little-endian, 352-byte header with
 * extension flag, voxels after): header fields set to edge values (sizeof_hdr, magic, dim[0..7], datatype, bitpix,
 * vox_offset, pixdim, scl_slope/inter, qform/sform codes and matrices), a proper big-endian rewrite, data truncated,
 * extended, made NaN/Inf or all zero, and gzip damaged, cut or split into several members.
 */
final class NiftiMutator {
    /** One hostile file: its bytes and how it was made (the recipe that reproduces it with the same seed). */
    record Mutant(byte[] bytes, String how, boolean gzip) {}

    private static final int DIM = 40;
    private static final int DATATYPE = 70;
    private static final int BITPIX = 72;
    private static final int PIXDIM = 76;
    private static final int VOX_OFFSET = 108;
    private static final int SCL_SLOPE = 112;
    private static final int SCL_INTER = 116;
    private static final int QFORM_CODE = 252;
    private static final int SFORM_CODE = 254;
    private static final int QUATERN = 256;
    private static final int SROW = 280;
    private static final int MAGIC = 344;
    private static final int DATA = 352;
    private static final short[] SHORTS = {0, -1, 1, 2, 3, 4, 5, 6, 7, 8, 100, 1290, 32767, -32768};
    private static final float[] FLOATS = {0, -0f, -1, 1e-30f, 1e30f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MAX_VALUE, 3e38f};
    /** Supported codes, and unsupported ones: unknown, binary, complex64, RGB24, uint64, complex128, RGBA32. */
    private static final short[] DATATYPES = {2, 4, 8, 16, 64, 256, 512, 768, 1024, 0, 1, 32, 128, 1280, 1792, 2304};
    private static final String[] MAGICS = {"ni1\0", "n+2\0", "\0\0\0\0", "n+1 ", "N+1\0"};

    private final Random random;

    NiftiMutator(Random random) {
        this.random = random;
    }

    /** Reads a .nii or .nii.gz file's bytes, uncompressed. */
    static byte[] plain(byte[] file) {
        if (file.length < 2 || (file[0] & 0xff) != 0x1f || (file[1] & 0xff) != 0x8b) {
            return file;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One to three mutations of {@code valid} (uncompressed), then gzip for about half of the results. */
    Mutant mutate(byte[] valid) {
        byte[] bytes = valid.clone();
        StringBuilder how = new StringBuilder();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            bytes = mutateOnce(bytes, how);
        }
        return finish(bytes, how);
    }

    private byte[] mutateOnce(byte[] bytes, StringBuilder how) {
        if (bytes.length < DATA) {
            return bytes; // cut inside the header already: nothing left to change
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        switch (random.nextInt(16)) {
            case 0 -> {
                int v = pick(new int[] {0, 347, 349, 540, Integer.reverseBytes(540), random.nextInt()});
                b.putInt(0, v);
                how.append("sizeof_hdr=").append(v).append(' ');
            }
            case 1 -> {
                String magic = MAGICS[random.nextInt(MAGICS.length)];
                b.put(MAGIC, magic.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                how.append("magic=").append(magic.replace("\0", "\\0")).append(' ');
            }
            case 2 -> {
                int i = random.nextInt(8);
                short v = random.nextInt(4) == 0 ? (short) random.nextInt() : SHORTS[random.nextInt(SHORTS.length)];
                b.putShort(DIM + 2 * i, v);
                how.append("dim[").append(i).append("]=").append(v).append(' ');
            }
            case 3 -> {
                return reshape(bytes, b, how);
            }
            case 4 -> {
                short type = DATATYPES[random.nextInt(DATATYPES.length)];
                b.putShort(DATATYPE, type);
                if (random.nextBoolean()) {
                    b.putShort(BITPIX, (short) pick(new int[] {0, 8, 16, 32, 64, -1}));
                }
                how.append("datatype=").append(type).append(" bitpix=").append(b.getShort(BITPIX)).append(' ');
            }
            case 5 -> {
                float v = pick(new float[] {0, 100, 347, 348, 351, 352.5f, 356, bytes.length, bytes.length + 4096,
                    1e12f, -1, Float.NaN});
                b.putFloat(VOX_OFFSET, v);
                how.append("vox_offset=").append(v).append(' ');
            }
            case 6 -> {
                int i = random.nextInt(4);
                float v = FLOATS[random.nextInt(FLOATS.length)];
                b.putFloat(PIXDIM + 4 * i, v);
                how.append("pixdim[").append(i).append("]=").append(v).append(' ');
            }
            case 7 -> {
                boolean slope = random.nextBoolean();
                float v = pick(new float[] {0, Float.NaN, Float.POSITIVE_INFINITY, 1e30f, -1e30f, 1e-30f, 3e38f});
                b.putFloat(slope ? SCL_SLOPE : SCL_INTER, v);
                how.append(slope ? "scl_slope=" : "scl_inter=").append(v).append(' ');
            }
            case 8 -> {
                boolean q = random.nextBoolean();
                short code = (short) pick(new int[] {0, 1, 2, 3, 4, 5, -1, 32767});
                b.putShort(q ? QFORM_CODE : SFORM_CODE, code);
                how.append(q ? "qform_code=" : "sform_code=").append(code).append(' ');
            }
            case 9 -> degenerateAffine(b, how);
            case 10 -> {
                return bigEndian(bytes, how);
            }
            case 11 -> {
                int length = random.nextInt(bytes.length + 1);
                how.append("truncated to ").append(length).append(' ');
                return Arrays.copyOf(bytes, length);
            }
            case 12 -> {
                int extra = 1 + random.nextInt(random.nextBoolean() ? 8 : 8192);
                how.append("plus ").append(extra).append(" bytes ");
                return Arrays.copyOf(bytes, bytes.length + extra);
            }
            case 13 -> nonFiniteOrZeroVoxels(b, bytes, how);
            case 14 -> {
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) random.nextInt();
                how.append("byte@").append(at).append(' ');
            }
            default -> {
                // A header field picked anywhere: short or float at an even offset in the 348 bytes.
                int at = 2 * random.nextInt(174);
                if (at + 4 <= 348 && random.nextBoolean()) {
                    float v = FLOATS[random.nextInt(FLOATS.length)];
                    b.putFloat(at, v);
                    how.append("float@").append(at).append('=').append(v).append(' ');
                } else {
                    short v = SHORTS[random.nextInt(SHORTS.length)];
                    b.putShort(at, v);
                    how.append("short@").append(at).append('=').append(v).append(' ');
                }
            }
        }
        return bytes;
    }

    /** 2-D, 4-D, 5-D or 7-D headers, some with the data they claim, some without. */
    private byte[] reshape(byte[] bytes, ByteBuffer b, StringBuilder how) {
        int kind = random.nextInt(4);
        switch (kind) {
            case 0 -> {
                b.putShort(DIM, (short) 2);
                how.append("2-D (dim[0]=2) ");
                return bytes;
            }
            case 1 -> {
                b.putShort(DIM + 6, (short) 1);
                how.append("dim[3]=1 ");
                return bytes;
            }
            default -> {
                int rank = kind == 2 ? 5 : 7;
                b.putShort(DIM, (short) rank);
                for (int i = 4; i <= 7; i++) {
                    b.putShort(DIM + 2 * i, (short) 1);
                }
                int copies = 1 + random.nextInt(3);
                b.putShort(DIM + 2 * rank, (short) copies);
                boolean withData = random.nextBoolean();
                how.append(rank).append("-D with dim[").append(rank).append("]=").append(copies)
                        .append(withData ? " and its data " : " ");
                if (!withData || bytes.length <= DATA) {
                    return bytes;
                }
                int volume = bytes.length - DATA;
                byte[] out = Arrays.copyOf(bytes, DATA + copies * volume);
                for (int c = 1; c < copies; c++) {
                    System.arraycopy(bytes, DATA, out, DATA + c * volume, volume);
                }
                return out;
            }
        }
    }

    private void degenerateAffine(ByteBuffer b, StringBuilder how) {
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = 0; i < 12; i++) {
                    b.putFloat(SROW + 4 * i, 0);
                }
                how.append("srow all 0 ");
            }
            case 1 -> {
                b.putFloat(SROW + 4 * random.nextInt(12), Float.NaN);
                how.append("srow NaN ");
            }
            case 2 -> {
                for (int i = 0; i < 3; i++) {
                    b.putFloat(QUATERN + 4 * i, pick(new float[] {0, 1, 2, -5, 1e30f, Float.NaN}));
                }
                b.putShort(QFORM_CODE, (short) 1);
                how.append("quatern b,c,d=").append(b.getFloat(QUATERN)).append(',').append(b.getFloat(QUATERN + 4))
                        .append(',').append(b.getFloat(QUATERN + 8)).append(" qform_code=1 ");
            }
            default -> {
                // Two equal rows: a singular matrix.
                for (int i = 0; i < 4; i++) {
                    b.putFloat(SROW + 16 + 4 * i, b.getFloat(SROW + 4 * i));
                }
                how.append("srow_y=srow_x ");
            }
        }
    }

    private void nonFiniteOrZeroVoxels(ByteBuffer b, byte[] bytes, StringBuilder how) {
        int kind = random.nextInt(3);
        if (kind == 0) {
            Arrays.fill(bytes, DATA, bytes.length, (byte) 0);
            how.append("all voxels 0 ");
            return;
        }
        int type = b.getShort(DATATYPE);
        if (type != 16 || bytes.length <= DATA + 4) {
            Arrays.fill(bytes, DATA, bytes.length, (byte) 7);
            how.append("all voxel bytes 7 ");
            return;
        }
        float v = kind == 1 ? Float.NaN : Float.NEGATIVE_INFINITY;
        int voxels = (bytes.length - DATA) / 4;
        int count = 1 + random.nextInt(Math.min(voxels, 5));
        for (int i = 0; i < count; i++) {
            b.putFloat(DATA + 4 * random.nextInt(voxels), v);
        }
        how.append(count).append(" voxels ").append(v).append(' ');
    }

    /**
     * The same image in big-endian byte order (a valid file with the same content): every numeric header field and
     * every voxel byte-swapped.
     */
    private byte[] bigEndian(byte[] bytes, StringBuilder how) {
        if (bytes.length < DATA) {
            return bytes;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] out = bytes.clone();
        ByteBuffer o = ByteBuffer.wrap(out).order(ByteOrder.BIG_ENDIAN);
        o.putInt(0, in.getInt(0));
        for (int at = DIM; at < PIXDIM; at += 2) {
            o.putShort(at, in.getShort(at)); // dim, intent_p1..3 halves, intent_code, datatype, bitpix, slice_start
        }
        for (int at = PIXDIM; at < 120; at += 4) {
            o.putInt(at, in.getInt(at)); // pixdim, vox_offset, scl_slope, scl_inter
        }
        o.putShort(QFORM_CODE, in.getShort(QFORM_CODE));
        o.putShort(SFORM_CODE, in.getShort(SFORM_CODE));
        for (int at = QUATERN; at < MAGIC; at += 4) {
            o.putInt(at, in.getInt(at));
        }
        int size = switch (in.getShort(DATATYPE)) {
            case 4, 512 -> 2;
            case 8, 16, 768 -> 4;
            case 64, 1024 -> 8;
            default -> 1;
        };
        for (int at = DATA; at + size <= bytes.length; at += size) {
            for (int k = 0; k < size; k++) {
                out[at + k] = bytes[at + size - 1 - k];
            }
        }
        how.append("big-endian ");
        return out;
    }

    /** Gzips about half the files; some of those are then cut, damaged or split into several gzip members. */
    private Mutant finish(byte[] bytes, StringBuilder how) {
        if (random.nextBoolean()) {
            return new Mutant(bytes, how.toString().trim(), false);
        }
        byte[] z = gzip(bytes);
        how.append("gzip");
        switch (random.nextInt(6)) {
            case 0 -> {
                int length = random.nextInt(z.length + 1);
                z = Arrays.copyOf(z, length);
                how.append(" cut to ").append(length);
            }
            case 1 -> {
                int at = 10 + random.nextInt(Math.max(1, z.length - 10));
                if (at < z.length) {
                    z[at] ^= (byte) (1 + random.nextInt(255));
                    how.append(" damaged at ").append(at);
                }
            }
            case 2 -> {
                int split = random.nextInt(bytes.length + 1);
                z = concat(gzip(Arrays.copyOf(bytes, split)), gzip(Arrays.copyOfRange(bytes, split, bytes.length)));
                how.append(" in two members split at ").append(split);
            }
            case 3 -> {
                z = concat(z, gzip(bytes));
                how.append(" twice (two members)");
            }
            default -> {
            }
        }
        return new Mutant(z, how.toString().trim(), true);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    private float pick(float[] values) {
        return values[random.nextInt(values.length)];
    }
}
