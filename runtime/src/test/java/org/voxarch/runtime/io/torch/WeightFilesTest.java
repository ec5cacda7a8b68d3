package org.voxarch.runtime.io.torch;

import static org.bytedeco.pytorch.global.torch.arange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.TensorFileException;

/**
 * Where a {@code torch.save} file keeps its state dict, and that the format is told by content. The files are written
 * with {@link TorchWriter}, whose output the reference's {@code torch.load} was checked to read (see
 * tests/src/test/python/check_exported_checkpoint.py); the real-torch fixtures are covered by TorchCheckpointTest.
 */
class WeightFilesTest {
    @TempDir
    Path dir;

    private static LinkedHashMap<String, Tensor> weights(String prefix) {
        LinkedHashMap<String, Tensor> w = new LinkedHashMap<>();
        w.put(prefix + "conv.weight", arange(new Scalar(6.0)).reshape(2, 3));
        w.put(prefix + "conv.bias", arange(new Scalar(2.0)).add(new Scalar(10.0)));
        return w;
    }

    private static void assertHoldsTheWeights(Map<String, Tensor> read) {
        assertEquals(List.of("conv.weight", "conv.bias"), List.copyOf(read.keySet()));
        Map<String, Tensor> expected = weights("");
        for (String key : expected.keySet()) {
            assertTrue(read.get(key).equal(expected.get(key)), key);
        }
    }

    @Test
    void findsTheStateDictUnderEveryKeyCheckpointsUse() {
        for (String key : List.of("state_dict", "model", "network_weights")) {
            Path file = dir.resolve(key + ".pth");
            Map<String, Object> checkpoint = new LinkedHashMap<>();
            checkpoint.put("epoch", 7);
            checkpoint.put(key, weights(""));
            TorchWriter.save(file, checkpoint);
            assertHoldsTheWeights(WeightFiles.readStateDict(file));
        }
    }

    @Test
    void readsABareStateDictAndDropsDataParallelsModulePrefix() {
        Path file = dir.resolve("bare.pt");
        TorchWriter.save(file, weights("module."));
        assertHoldsTheWeights(WeightFiles.readStateDict(file));
    }

    @Test
    void aCheckpointWithoutStateDictNamesTheKeysItHas() {
        Path file = dir.resolve("other.model");
        TorchWriter.save(file, Map.of("epoch", 7, "optimizer", List.of(1, 2)));
        TensorFileException e = assertThrows(TensorFileException.class, () -> WeightFiles.readStateDict(file));
        assertTrue(e.getMessage().contains("holds no state dict"), e.getMessage());
        assertTrue(e.getMessage().contains("epoch"), e.getMessage());
    }

    @Test
    void safetensorsContentIsReadWhateverTheFileIsCalled() {
        Path file = dir.resolve("looks_like_torch.model");
        Safetensors.write(file, weights(""), Map.of("format", "test"));
        assertHoldsTheWeights(WeightFiles.readStateDict(file));
        assertEquals("test", WeightFiles.read(file).metadata().get("format"));
    }
}
