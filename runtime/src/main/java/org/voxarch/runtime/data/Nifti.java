package org.voxarch.runtime.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.voxarch.runtime.io.AtomicFiles;

/**
 * Reads and writes single-file NIfTI-1 images ({@code .nii}, or {@code .nii.gz} — compression is detected from the
 * content when reading and chosen by the {@code .gz} suffix when writing).
 *
 * <p>Reading accepts the datatypes of {@link NiftiDatatype} in either byte order, applies
 * {@code scl_slope}/{@code scl_inter} when the slope is non-zero, and keeps the qform/sform in the volume's
 * {@link Geometry}. Voxels are streamed from the file into the float array, so memory holds each volume once.
 * Writing is atomic (a temporary file replaces the target), so a failed write leaves nothing half-written.
 *
 * <p>Every problem is a {@link NiftiException} naming the file.
 */
public final class Nifti {
    /** Bytes decoded per step: large enough for throughput, small enough not to double memory. */
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int GZIP_BUFFER = 1 << 16;
    /** Deflate cannot expand data more than about 1032-fold; more claimed voxel data is a lie of the header. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    /** Surplus data after the voxels is counted up to this many bytes for the message. */
    private static final long MAX_EXTRA_COUNTED = 16L << 20;

    /** What reading does with NaN or infinite voxel values. */
    public enum NonFinite {
        /** Refuse the image with a {@link NiftiException} giving their count and the first position. */
        REFUSE,
        /** Keep them; check later with {@link NonFiniteValues#find(Volume)}. */
        ALLOW
    }

    private Nifti() {
    }

    /** @return the header of {@code file}, validated, without reading the voxels */
    public static NiftiHeader readHeader(Path file) {
        return withInput(file, (in, gzip) -> {
            NiftiHeader h = readHeader(file, in);
            requireDataFits(file, h, gzip);
            return h;
        });
    }

    /**
     * Reads one 3-D image (a 4-D file with a single time point is accepted), refusing NaN or infinite values.
     *
     * @throws NiftiException naming the file: missing, truncated or corrupt gzip, wrong magic, unsupported datatype,
     *     dims that do not match the data length, more than one volume, or non-finite values
     */
    public static Volume read(Path file) {
        return read(file, NonFinite.REFUSE);
    }

    /**
     * Reads one 3-D image (a 4-D file with a single time point is accepted).
     *
     * @param nonFinite whether NaN/Inf voxel values are refused or kept
     */
    public static Volume read(Path file, NonFinite nonFinite) {
        List<Volume> volumes = readAll(file, nonFinite, false);
        return volumes.get(0);
    }

    /**
     * Reads every 3-D volume of a file: one for a 3-D image, {@code dim[4]·…·dim[7]} for a 4-D or higher one (in the
     * original Medical Segmentation Decathlon these are the modalities of one case).
     */
    public static List<Volume> readVolumes(Path file, NonFinite nonFinite) {
        return readAll(file, nonFinite, true);
    }

    private static List<Volume> readAll(Path file, NonFinite nonFinite, boolean manyAllowed) {
        return withInput(file, (in, gzip) -> {
            NiftiHeader h = readHeader(file, in);
            if (!manyAllowed && h.volumes() != 1) {
                throw new NiftiException(file, "holds " + h.volumes() + " volumes (dims "
                        + describeDims(h) + "); expected a single 3-D image");
            }
            long perVolume = h.voxelsPerVolume();
            if (perVolume > Integer.MAX_VALUE - 8) {
                throw new NiftiException(file, "dims " + describeDims(h) + " give " + perVolume
                        + " voxels per volume, more than one Java array holds");
            }
            long expectedBytes = requireDataFits(file, h, gzip);
            skipExtensions(file, in, h);
            List<Volume> volumes = new ArrayList<>(h.volumes());
            Geometry geometry = h.geometry();
            byte[] chunk = new byte[CHUNK_BYTES];
            long done = 0;
            for (int v = 0; v < h.volumes(); v++) {
                float[] data = new float[(int) perVolume];
                done = readVoxels(file, in, h, data, chunk, done, expectedBytes);
                // Integers are finite until scaled: a huge scl_slope or scl_inter makes them infinite.
                if (nonFinite == NonFinite.REFUSE && (!h.datatype().integer || h.scaled())) {
                    Optional<NonFiniteValues> bad = NonFiniteValues.find(data, h.shape());
                    if (bad.isPresent()) {
                        throw new NiftiException(file, (h.volumes() > 1 ? "volume " + v + " has " : "has ")
                                + bad.get().describe() + "; fix the image (or read it allowing non-finite values)");
                    }
                }
                volumes.add(new Volume(data, h.shape(), h.spacing(), geometry));
            }
            long extra = countRest(in);
            if (extra > 0) {
                throw new NiftiException(file, "holds " + (extra > MAX_EXTRA_COUNTED ? "more than " + MAX_EXTRA_COUNTED
                        : Long.toString(extra)) + " bytes more voxel data than dims " + describeDims(h)
                        + " of " + h.datatype() + " need (" + expectedBytes + " bytes after vox_offset "
                        + h.voxOffset() + "): the dims do not match the data");
            }
            return volumes;
        });
    }

    /**
     * Refuses, from the header and the file size alone, dims that claim more voxel data than the file can hold or
     * than the heap can take, before anything is allocated: a 352-byte header may claim 1290³ voxels.
     *
     * @return the bytes of voxel data the dims need
     */
    private static long requireDataFits(Path file, NiftiHeader h, boolean gzip) throws IOException {
        long voxels = saturatedProduct(h.voxelsPerVolume(), h.volumeCount());
        long expected = saturatedProduct(voxels, h.datatype().bytes);
        long size = Files.size(file);
        if (!gzip && expected > size - h.voxOffset()) {
            throw new NiftiException(file, dataEnds(h, Math.max(0, size - h.voxOffset()), expected));
        }
        if (gzip && saturatedProduct(size, MAX_DEFLATE_RATIO) - h.voxOffset() < expected) {
            throw new NiftiException(file, "dims " + describeDims(h) + " of " + h.datatype() + " need " + expected
                    + " bytes after vox_offset " + h.voxOffset() + ", more than " + size + " bytes of gzip data can"
                    + " expand to (at most " + MAX_DEFLATE_RATIO + "-fold): dim[1.." + h.dims()[0] + "] do not"
                    + " match the data");
        }
        long heapBytes = saturatedProduct(voxels, Float.BYTES);
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (heapBytes > free) {
            throw new NiftiException(file, "dims " + describeDims(h) + " give " + voxels + " voxels: reading them"
                    + " needs " + gib(heapBytes) + " of heap but only " + gib(free) + " is free (VOXARCH_HEAP, or"
                    + " -Xmx, raises the limit)");
        }
        return expected;
    }

    private static long saturatedProduct(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private static String dataEnds(NiftiHeader h, long available, long expected) {
        return "voxel data ends after " + available + " of " + expected + " bytes: dims " + describeDims(h) + " of "
                + h.datatype() + " need " + expected + " bytes after vox_offset " + h.voxOffset() + " (truncated"
                + " file, or dims that do not match the data)";
    }

    /** Bytes left in {@code in}, counted up to just over {@link #MAX_EXTRA_COUNTED}. */
    private static long countRest(InputStream in) throws IOException {
        byte[] buffer = new byte[GZIP_BUFFER];
        long n = 0;
        int got;
        while (n <= MAX_EXTRA_COUNTED && (got = in.read(buffer)) > 0) {
            n += got;
        }
        return n;
    }

    private static NiftiHeader readHeader(Path file, InputStream in) throws IOException {
        byte[] bytes = new byte[NiftiHeader.SIZE];
        int n = in.readNBytes(bytes, 0, bytes.length);
        if (n < bytes.length) {
            throw new NiftiException(file, n == 0 ? "empty file, not a NIfTI image"
                    : "truncated: only " + n + " bytes, but a NIfTI-1 header alone needs 348");
        }
        return NiftiHeader.parse(file, bytes);
    }

    private static void skipExtensions(Path file, InputStream in, NiftiHeader h) throws IOException {
        long skip = h.voxOffset() - NiftiHeader.SIZE;
        long skipped = in.skip(skip);
        while (skipped < skip && in.read() >= 0) {
            skipped += 1 + in.skip(skip - skipped - 1);
        }
        if (skipped < skip) {
            throw new NiftiException(file, "truncated: vox_offset is " + h.voxOffset() + " but the file ends after "
                    + (NiftiHeader.SIZE + skipped) + " bytes");
        }
    }

    /** Streams one volume's voxels into {@code data}; returns the data bytes consumed so far. */
    private static long readVoxels(Path file, InputStream in, NiftiHeader h, float[] data, byte[] chunk, long done,
            long expectedBytes) throws IOException {
        NiftiDatatype type = h.datatype();
        int perChunk = CHUNK_BYTES / type.bytes;
        boolean scaled = h.scaled();
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(h.byteOrder());
        long consumed = done;
        for (int offset = 0; offset < data.length; offset += perChunk) {
            int count = Math.min(perChunk, data.length - offset);
            int want = count * type.bytes;
            int got = in.readNBytes(chunk, 0, want);
            consumed += got;
            if (got < want) {
                throw new NiftiException(file, dataEnds(h, consumed, expectedBytes));
            }
            buffer.clear();
            VoxelCodec.decode(buffer, type, data, offset, count, scaled, h.sclSlope(), h.sclInter());
        }
        return consumed;
    }

    private static String describeDims(NiftiHeader h) {
        int[] d = h.dims();
        return Arrays.toString(Arrays.copyOfRange(d, 1, d[0] + 1));
    }

    /** Reads something from a file's (decompressed) content. */
    @FunctionalInterface
    private interface Reading<T> {
        T read(InputStream in, boolean gzip) throws IOException;
    }

    /** Opens {@code file}, unwrapping gzip when its first bytes say so, and maps I/O failures to clear messages. */
    private static <T> T withInput(Path file, Reading<T> reading) {
        boolean gzip = false;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), GZIP_BUFFER)) {
            raw.mark(2);
            gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            if (!gzip) {
                return reading.read(raw, false);
            }
            try (InputStream in = new BufferedInputStream(new GZIPInputStream(raw, GZIP_BUFFER), GZIP_BUFFER)) {
                return reading.read(in, true);
            }
        } catch (NoSuchFileException e) {
            throw new NiftiException(file, "no such file", e);
        } catch (EOFException | ZipException e) {
            // Both come only from the gzip layer: plain reads report a short count instead.
            String detail = e.getMessage() != null ? e.getMessage()
                    : e instanceof EOFException ? "the stream ends early" : "corrupt";
            throw new NiftiException(file, "truncated or corrupt gzip data (" + detail
                    + "); the file is damaged, re-create or re-download it", e);
        } catch (IOException e) {
            throw new NiftiException(file, (gzip ? "gzip stream " : "") + "cannot be read: " + e, e);
        }
    }

    // ---- writing -----------------------------------------------------------------------------------------------

    /** Writes an image as float32, atomically, with the volume's spacing and geometry. */
    public static void write(Path file, Volume volume) {
        write(file, volume, NiftiDatatype.FLOAT32);
    }

    /**
     * Writes a volume with the given datatype, atomically. Integer types store the nearest integer; a value that
     * does not fit the type is an error naming the voxel, and then nothing is written.
     */
    public static void write(Path file, Volume volume, NiftiDatatype type) {
        NiftiHeader.requireWritable(file, volume);
        NiftiHeader header = NiftiHeader.forVolume(volume, type);
        float[] data = volume.data();
        writeAtomically(file, header, out -> {
            int perChunk = CHUNK_BYTES / type.bytes;
            ByteBuffer buffer = ByteBuffer.allocate(perChunk * type.bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int offset = 0; offset < data.length; offset += perChunk) {
                int count = Math.min(perChunk, data.length - offset);
                buffer.clear();
                int bad = VoxelCodec.encode(data, offset, count, type, buffer);
                if (bad >= 0) {
                    int[] s = volume.shape();
                    throw new NiftiException(file, "value " + data[bad] + " at voxel x=" + bad % s[2] + ", y="
                            + (bad / s[2]) % s[1] + ", z=" + bad / (s[1] * s[2]) + " does not fit " + type
                            + " [" + (long) type.min + ", " + (long) type.max + "]; nothing was written");
                }
                out.write(buffer.array(), 0, buffer.position());
            }
        });
    }

    /**
     * Writes a label map with the smallest fitting integer type: uint8 when every label is in 0..255, else int16.
     * The header carries the volume's geometry, so labels written on an image's grid overlay that image.
     *
     * @throws NiftiException if a value is not an integer in int16's range (nothing is written)
     */
    public static void writeLabels(Path file, Volume labels) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : labels.data()) {
            if (v != Math.rint(v)) {
                throw new NiftiException(file, "label value " + v + " is not an integer; nothing was written");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        write(file, labels, min >= 0 && max <= 255 ? NiftiDatatype.UINT8 : NiftiDatatype.INT16);
    }

    /**
     * Writes labels stored as unsigned bytes on the grid of {@code image} as uint8, with the image's shape,
     * spacing and geometry, atomically.
     */
    public static void writeLabels(Path file, byte[] labels, Volume image) {
        if (labels.length != image.voxels()) {
            throw new NiftiException(file, labels.length + " labels do not fill the image grid "
                    + Arrays.toString(image.shape()) + "; nothing was written");
        }
        NiftiHeader.requireWritable(file, image);
        writeAtomically(file, NiftiHeader.forVolume(image, NiftiDatatype.UINT8), out -> out.write(labels));
    }

    private static void writeAtomically(Path file, NiftiHeader header, AtomicFiles.StreamWriter voxels) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        try {
            AtomicFiles.writeStream(file, out -> {
                if (gzip) {
                    // Fastest deflate level: images are large and the best levels gain little on noisy data.
                    GZIPOutputStream z = new GZIPOutputStream(out, GZIP_BUFFER) {
                        {
                            def.setLevel(Deflater.BEST_SPEED);
                        }
                    };
                    z.write(header.toBytes());
                    voxels.writeTo(z);
                    z.finish();
                } else {
                    out.write(header.toBytes());
                    voxels.writeTo(out);
                }
            });
        } catch (IOException e) {
            throw new NiftiException(file, "cannot be written: " + e, e);
        }
    }
}
