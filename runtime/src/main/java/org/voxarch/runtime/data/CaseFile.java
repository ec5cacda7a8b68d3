package org.voxarch.runtime.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import com.fasterxml.jackson.databind.json.JsonMapper;
import org.voxarch.runtime.io.AtomicFiles;

/**
 * One preprocessed case on disk: the 8-byte magic {@code VXCASE1\n}, a 4-byte little-endian length, a JSON header
 * (id, shape, spacing, channels, whether labelled, the case properties), then each channel as little-endian
 * float32 and, if labelled, one unsigned byte per voxel. Raw arrays so that loading is one bulk copy per channel.
 */
final class CaseFile {
    private static final byte[] MAGIC = "VXCASE1\n".getBytes(StandardCharsets.US_ASCII);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK_FLOATS = 1 << 18;

    private CaseFile() {
    }

    /** What the JSON header holds. */
    record Header(String id, int[] shape, double[] spacing, int channels, boolean labelled,
            CaseProperties properties) {
    }

    static void write(Path file, PreprocessedCase c) {
        Header h = new Header(c.id(), c.shape(), c.spacing(), c.channels(), c.labelled(), c.properties());
        try {
            byte[] json = JSON.writeValueAsBytes(h);
            AtomicFiles.writeStream(file, out -> {
                ByteBuffer prefix = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
                prefix.put(MAGIC).putInt(json.length);
                out.write(prefix.array());
                out.write(json);
                ByteBuffer buffer = ByteBuffer.allocate(CHUNK_FLOATS * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float[] channel : c.images()) {
                    for (int off = 0; off < channel.length; off += CHUNK_FLOATS) {
                        int n = Math.min(CHUNK_FLOATS, channel.length - off);
                        buffer.clear();
                        buffer.asFloatBuffer().put(channel, off, n);
                        out.write(buffer.array(), 0, n * 4);
                    }
                }
                if (c.labelled()) {
                    out.write(c.labels());
                }
            });
        } catch (IOException e) {
            throw new DatasetException(file, "cannot write the preprocessed case: " + e, e);
        }
    }

    static PreprocessedCase read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer prefix = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
            readFully(file, ch, prefix);
            byte[] magic = new byte[MAGIC.length];
            prefix.get(0, magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new DatasetException(file, "not a preprocessed case file (wrong magic)");
            }
            int length = prefix.getInt(MAGIC.length);
            if (length <= 0 || length > ch.size()) {
                throw new DatasetException(file, "corrupt preprocessed case file: header length " + length);
            }
            ByteBuffer json = ByteBuffer.allocate(length);
            readFully(file, ch, json);
            Header h = JSON.readValue(json.array(), Header.class);
            int voxels = h.shape()[0] * h.shape()[1] * h.shape()[2];
            long expected = MAGIC.length + 4L + length + 4L * voxels * h.channels() + (h.labelled() ? voxels : 0);
            if (ch.size() != expected) {
                throw new DatasetException(file, "corrupt preprocessed case file: " + ch.size() + " bytes, expected "
                        + expected);
            }
            float[][] images = new float[h.channels()][voxels];
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK_FLOATS * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] channel : images) {
                for (int off = 0; off < voxels; off += CHUNK_FLOATS) {
                    int n = Math.min(CHUNK_FLOATS, voxels - off);
                    buffer.clear().limit(n * 4);
                    readFully(file, ch, buffer);
                    buffer.flip();
                    buffer.asFloatBuffer().get(channel, off, n);
                }
            }
            byte[] labels = null;
            if (h.labelled()) {
                labels = new byte[voxels];
                readFully(file, ch, ByteBuffer.wrap(labels));
            }
            return new PreprocessedCase(h.id(), images, labels, h.shape(), h.spacing(), h.properties());
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "no such preprocessed case file", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read the preprocessed case: " + e, e);
        }
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (ch.read(into) < 0) {
                throw new DatasetException(file, "truncated preprocessed case file");
            }
        }
    }
}
