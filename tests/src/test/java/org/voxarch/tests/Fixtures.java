package org.voxarch.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.TensorFile;

/** The reference's golden outputs in ../shared/fixtures (see its README for how they were made). */
final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static Path shared() {
        String property = System.getProperty("voxarch.shared");
        if (property != null && Files.isDirectory(Path.of(property, "fixtures"))) {
            return Path.of(property);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared").resolve("fixtures"))) {
                return p.resolve("shared");
            }
        }
        throw new IllegalStateException("../shared/fixtures not found; set -Dvoxarch.shared");
    }

    static Path file(String name) {
        Path f = shared().resolve("fixtures").resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("missing fixture " + f);
        }
        return f;
    }

    static TensorFile read(String name) {
        return Safetensors.read(file(name));
    }

    static JsonNode metadataJson(TensorFile file, String key) {
        try {
            return JSON.readTree(file.requireMetadata(key));
        } catch (IOException e) {
            throw new IllegalStateException("bad JSON in metadata " + key + " of " + file.source(), e);
        }
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    /** The tensor's elements in row-major order. */
    static float[] values(Tensor t) {
        Tensor c = t.contiguous();
        float[] out = new float[(int) c.numel()];
        ((FloatBuffer) c.createBuffer()).get(out);
        return out;
    }
}
