package org.voxarch.runtime.io;

import static org.bytedeco.pytorch.global.torch.empty;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.voxarch.runtime.nn.Ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header mapping each name
 * to {@code {dtype, shape, data_offsets}} (plus an optional {@code __metadata__} of strings), then the raw
 * little-endian data. Supported dtypes: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL.
 *
 * <p>Every problem with a file is reported as a {@link TensorFileException} that names the file.
 */
public final class Safetensors {
    private static final String METADATA = "__metadata__";
    private static final int LENGTH_FIELD_BYTES = 8;
    /** The reference implementation refuses larger headers too; it guards against absurd allocations. */
    private static final long MAX_HEADER_BYTES = 100L << 20;
    /** Largest slice moved by one NIO call (a ByteBuffer is int-indexed). */
    private static final long CHUNK_BYTES = 1L << 30;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Safetensors() {
    }

    /**
     * Reads every tensor of a safetensors file into memory owned by the returned tensors (CPU).
     *
     * <p>The tensors are allocated like any other: inside a {@code NativeScope} they die when it closes.
     *
     * @throws TensorFileException naming the file if it is missing, unreadable, truncated or malformed
     */
    public static TensorFile read(Path file) {
        requireLittleEndianHost();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, channel);
        } catch (NoSuchFileException e) {
            throw new TensorFileException(file, "no such file", e);
        } catch (IOException e) {
            throw new TensorFileException(file, "cannot be read: " + e, e);
        }
    }

    private static TensorFile read(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < LENGTH_FIELD_BYTES) {
            throw new TensorFileException(file, "truncated: " + size + " bytes, too short for the 8-byte header length");
        }
        ByteBuffer lengthField = ByteBuffer.allocate(LENGTH_FIELD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, channel, lengthField, 0);
        long headerLength = lengthField.getLong(0);
        long afterLength = size - LENGTH_FIELD_BYTES;
        if (headerLength < 2 || headerLength > afterLength || headerLength > MAX_HEADER_BYTES) {
            throw new TensorFileException(file, "bad header length " + Long.toUnsignedString(headerLength)
                    + ": the file has " + afterLength + " bytes after the length field"
                    + (headerLength > MAX_HEADER_BYTES ? " (and the limit is " + MAX_HEADER_BYTES + ")" : "")
                    + "; truncated, or not a safetensors file?");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        readFully(file, channel, ByteBuffer.wrap(headerBytes), LENGTH_FIELD_BYTES);
        JsonNode header = parseHeader(file, headerBytes);

        long dataStart = LENGTH_FIELD_BYTES + headerLength;
        long dataBytes = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        Map<SafetensorsDtype, TensorOptions> options = new EnumMap<>(SafetensorsDtype.class);
        for (Map.Entry<String, JsonNode> field : header.properties()) {
            if (field.getKey().equals(METADATA)) {
                metadata.putAll(parseMetadata(file, field.getValue()));
                continue;
            }
            TensorHeader h = TensorHeader.parse(file, field.getKey(), field.getValue(), dataBytes);
            TensorOptions o = options.computeIfAbsent(h.dtype(), d -> new TensorOptions(d.scalarType));
            Tensor t = empty(h.shape(), o, new MemoryFormatOptional());
            copyFromFile(file, channel, dataStart + h.begin(), t, h.end() - h.begin());
            tensors.put(field.getKey(), t);
        }
        return new TensorFile(tensors, metadata, file);
    }

    private static JsonNode parseHeader(Path file, byte[] headerBytes) {
        JsonNode header;
        try {
            header = JSON.readTree(headerBytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (at byte " + e.getLocation().getByteOffset() + " of the header)";
            throw new TensorFileException(file, "header is not valid JSON: " + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new TensorFileException(file, "header cannot be parsed: " + e, e);
        }
        if (header == null || !header.isObject()) {
            throw new TensorFileException(file, "header is JSON but not an object of tensors");
        }
        return header;
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new TensorFileException(file, METADATA + " must be an object of strings, got " + node.getNodeType());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new TensorFileException(file, METADATA + " value of '" + e.getKey() + "' is not a string");
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
        return metadata;
    }

    /** One tensor's header entry, validated against the size of the data section. */
    private record TensorHeader(SafetensorsDtype dtype, long[] shape, long begin, long end) {

        static TensorHeader parse(Path file, String name, JsonNode node, long dataBytes) {
            if (!node.isObject()) {
                throw bad(file, name, "entry is not an object");
            }
            JsonNode dtypeNode = node.get("dtype");
            if (dtypeNode == null || !dtypeNode.isTextual()) {
                throw bad(file, name, "has no dtype string");
            }
            SafetensorsDtype dtype = SafetensorsDtype.ofCode(dtypeNode.textValue()).orElseThrow(() -> bad(file, name,
                    "has unknown dtype '" + dtypeNode.textValue() + "' (supported: "
                            + Arrays.toString(SafetensorsDtype.values()) + ")"));
            long[] shape = longs(file, name, "shape", node.get("shape"), -1);
            long[] offsets = longs(file, name, "data_offsets", node.get("data_offsets"), 2);
            long begin = offsets[0];
            long end = offsets[1];
            if (begin > end || end > dataBytes) {
                throw bad(file, name, "data_offsets [" + begin + ", " + end + "] lie outside the data section of "
                        + dataBytes + " bytes (truncated file?)");
            }
            long needed;
            try {
                needed = Math.multiplyExact(Arrays.stream(shape).reduce(1, Math::multiplyExact), dtype.bytes);
            } catch (ArithmeticException e) {
                throw bad(file, name, "shape " + StateDict.formatShape(shape) + " is too large");
            }
            if (needed != end - begin) {
                throw bad(file, name, "occupies " + (end - begin) + " bytes but " + dtype + " "
                        + StateDict.formatShape(shape) + " needs " + needed);
            }
            return new TensorHeader(dtype, shape, begin, end);
        }

        private static long[] longs(Path file, String name, String field, JsonNode node, int requiredLength) {
            if (node == null || !node.isArray() || (requiredLength >= 0 && node.size() != requiredLength)) {
                throw bad(file, name, "has no valid " + field + (requiredLength >= 0
                        ? " (an array of " + requiredLength + " integers)" : " (an array of integers)"));
            }
            long[] values = new long[node.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode v = node.get(i);
                if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                    throw bad(file, name, field + " holds " + v + ", not a non-negative integer");
                }
                values[i] = v.longValue();
            }
            return values;
        }

        private static TensorFileException bad(Path file, String name, String problem) {
            return new TensorFileException(file, "tensor '" + name + "' " + problem);
        }
    }

    /**
     * Writes {@code tensors} in the map's order, atomically: a temporary file in the same directory replaces
     * {@code file} only once complete. Tensors on other devices are copied to the CPU; a tensor present under two
     * keys is written twice.
     *
     * @param metadata strings stored as {@code __metadata__}; null or empty for none
     * @throws TensorFileException naming the file if a tensor cannot be stored or the file cannot be written
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        requireLittleEndianHost();
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode m = header.putObject(METADATA);
            metadata.forEach(m::put);
        }
        List<Tensor> payload = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name.equals(METADATA)) {
                throw new TensorFileException(file, "'" + METADATA + "' is reserved and cannot name a tensor");
            }
            if (t == null || t.isNull() || !t.defined()) {
                throw new TensorFileException(file, "tensor '" + name + "' is null or undefined");
            }
            ScalarType type = t.scalar_type().intern();
            SafetensorsDtype dtype = SafetensorsDtype.of(type).orElseThrow(() -> new TensorFileException(
                    file, "tensor '" + name + "' has dtype " + type + ", which safetensors here cannot store"));
            Tensor data = t.detach().cpu().contiguous();
            payload.add(data);
            ObjectNode entry = header.putObject(name);
            entry.put("dtype", dtype.name());
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(Ops.shape(data)).forEach(shape::add);
            entry.putArray("data_offsets").add(offset).add(offset + data.nbytes());
            offset += data.nbytes();
        }
        byte[] headerBytes = paddedHeader(file, header);
        try {
            AtomicFiles.write(file, temporary -> {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    ByteBuffer length = ByteBuffer.allocate(LENGTH_FIELD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    length.putLong(0, headerBytes.length);
                    writeFully(channel, length);
                    writeFully(channel, ByteBuffer.wrap(headerBytes));
                    for (Tensor data : payload) {
                        copyToFile(channel, data);
                    }
                    channel.force(true);
                }
            });
        } catch (IOException e) {
            throw new TensorFileException(file, "cannot be written: " + e, e);
        }
    }

    /** The header as UTF-8 JSON, padded with spaces to a multiple of 8 bytes so the data is aligned. */
    private static byte[] paddedHeader(Path file, ObjectNode header) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new TensorFileException(file, "header cannot be serialised: " + e.getOriginalMessage(), e);
        }
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    // ---- moving bytes between files and tensor memory -------------------------------------------------------

    private static void copyFromFile(Path file, FileChannel channel, long position, Tensor t, long bytes)
            throws IOException {
        for (long done = 0; done < bytes; done += CHUNK_BYTES) {
            long chunk = Math.min(CHUNK_BYTES, bytes - done);
            readFully(file, channel, window(t, done, chunk), position + done);
        }
    }

    private static void copyToFile(FileChannel channel, Tensor contiguous) throws IOException {
        long bytes = contiguous.nbytes();
        for (long done = 0; done < bytes; done += CHUNK_BYTES) {
            writeFully(channel, window(contiguous, done, Math.min(CHUNK_BYTES, bytes - done)));
        }
    }

    /** A view of {@code length} bytes of a contiguous CPU tensor's memory, starting {@code offset} bytes in. */
    private static ByteBuffer window(Tensor t, long offset, long length) {
        BytePointer base = new BytePointer(t.data_ptr());
        return base.position(offset).limit(offset + length).asByteBuffer();
    }

    private static void readFully(Path file, FileChannel channel, ByteBuffer target, long position)
            throws IOException {
        long p = position;
        while (target.hasRemaining()) {
            int n = channel.read(target, p);
            if (n < 0) {
                throw new TensorFileException(file, "truncated: ended at byte " + p, new EOFException());
            }
            p += n;
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer source) throws IOException {
        while (source.hasRemaining()) {
            channel.write(source);
        }
    }

    private static void requireLittleEndianHost() {
        // Tensor memory is copied byte for byte; safetensors data is little-endian.
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("safetensors I/O needs a little-endian machine");
        }
    }
}
