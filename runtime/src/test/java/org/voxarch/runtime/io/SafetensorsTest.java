package org.voxarch.runtime.io;

import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.SharedFixtures;
import org.voxarch.runtime.nn.Ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SafetensorsTest {
    @TempDir
    Path dir;

    private static Tensor sample(ScalarType type, long... shape) {
        return randn(shape).abs().mul(new Scalar(50.0)).to(type);
    }

    @Test
    void everySupportedDtypeRoundTripsWithOrderAndMetadata() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.f32", sample(ScalarType.Float, 2, 3));
        tensors.put("a.f64", sample(ScalarType.Double, 4));
        tensors.put("f16", sample(ScalarType.Half, 3, 1));
        tensors.put("bf16", sample(ScalarType.BFloat16, 5));
        tensors.put("i64", sample(ScalarType.Long, 2, 2));
        tensors.put("i32", sample(ScalarType.Int, 3));
        tensors.put("i16", sample(ScalarType.Short, 3));
        tensors.put("i8", sample(ScalarType.Char, 3));
        tensors.put("u8", sample(ScalarType.Byte, 7));
        tensors.put("bool", randn(6).gt(new Scalar(0.0)));
        tensors.put("scalar", sample(ScalarType.Float));
        tensors.put("empty", sample(ScalarType.Float, 0, 3));
        tensors.put("strided", sample(ScalarType.Float, 3, 4).transpose(0, 1));
        Map<String, String> metadata = Map.of("format", "pt", "note", "ünïcode");
        Path file = dir.resolve("all.safetensors");

        Safetensors.write(file, tensors, metadata);
        TensorFile read = Safetensors.read(file);

        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.tensors().keySet()));
        assertEquals(metadata, read.metadata());
        tensors.forEach((name, expected) -> {
            Tensor got = read.require(name);
            assertEquals(expected.scalar_type().intern(), got.scalar_type().intern(), name);
            assertTrue(Arrays.equals(Ops.shape(expected), Ops.shape(got)), name);
            assertTrue(expected.equal(got), name + " values differ");
        });
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the temporary file must be gone");
        }
    }

    @Test
    void headerFollowsTheFormat() throws IOException {
        Tensor shared = sample(ScalarType.Float, 2, 2);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("E.weight", shared);
        tensors.put("F.weight", shared);
        Path file = dir.resolve("alias.safetensors");
        Safetensors.write(file, tensors, null);

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "data must start 8-byte aligned");
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        assertEquals("F32", header.get("E.weight").get("dtype").asText());
        assertEquals("[0,16]", header.get("E.weight").get("data_offsets").toString());
        assertEquals("[16,32]", header.get("F.weight").get("data_offsets").toString(), "an alias is written twice");
        assertEquals(8 + headerLength + 32, bytes.length);
        assertTrue(Safetensors.read(file).require("F.weight").equal(shared));
    }

    @Test
    void readsTheReferenceFixtures() {
        TensorFile f = Safetensors.read(SharedFixtures.file("block_res_block_batch.safetensors"));
        assertEquals(List.of("input", "output"), List.copyOf(f.tensors().keySet()));
        assertTrue(Arrays.equals(new long[] {1, 8, 6, 6, 6}, Ops.shape(f.require("output"))));
        assertEquals("res_block_batch", f.requireMetadata("block"));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] withHeader(long declaredLength, String json, int dataBytes) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredLength).put(header);
        return b.array();
    }

    private void assertFails(Path file, String problem) {
        TensorFileException e = assertThrows(TensorFileException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains(file.toString()), "message must name the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "message must say '" + problem + "': " + e.getMessage());
        assertEquals(file, e.file());
    }

    @Test
    void truncatedFileIsReported() throws IOException {
        Path good = dir.resolve("good.safetensors");
        Safetensors.write(good, Map.of("x", sample(ScalarType.Float, 10)), null);
        byte[] bytes = Files.readAllBytes(good);
        assertFails(write("cut.safetensors", Arrays.copyOf(bytes, bytes.length - 5)), "outside the data section");
        assertFails(write("tiny.safetensors", new byte[] {1, 2, 3}), "truncated");
    }

    @Test
    void headerLengthBeyondTheFileIsReported() throws IOException {
        assertFails(write("long.safetensors", withHeader(4096, "{}", 0)), "bad header length 4096");
        assertFails(write("negative.safetensors", withHeader(-1, "{}", 0)), "bad header length");
    }

    @Test
    void malformedHeadersAreReported() throws IOException {
        String broken = "{\"x\": {\"dtype\": \"F32\", ";
        assertFails(write("json.safetensors", withHeader(broken.length(), broken, 0)), "not valid JSON");
        String unknown = "{\"x\":{\"dtype\":\"F8\",\"shape\":[1],\"data_offsets\":[0,1]}}";
        assertFails(write("dtype.safetensors", withHeader(unknown.length(), unknown, 1)), "unknown dtype 'F8'");
        String shortData = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}";
        assertFails(write("size.safetensors", withHeader(shortData.length(), shortData, 4)), "needs 8");
        String noShape = "{\"x\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}";
        assertFails(write("shape.safetensors", withHeader(noShape.length(), noShape, 4)), "no valid shape");
        String array = "[1, 2]";
        assertFails(write("array.safetensors", withHeader(array.length(), array, 0)), "not an object");
    }

    @Test
    void missingFileAndMissingTensorAreReported() throws IOException {
        assertFails(dir.resolve("absent.safetensors"), "no such file");
        Path file = dir.resolve("one.safetensors");
        Safetensors.write(file, Map.of("present", sample(ScalarType.Float, 1)), null);
        TensorFileException e = assertThrows(TensorFileException.class,
                () -> Safetensors.read(file).require("absent"));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'absent'")
                && e.getMessage().contains("present"), e.getMessage());
    }
}
