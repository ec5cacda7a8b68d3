package org.voxarch.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.nn.BatchNorm3d;
import org.voxarch.runtime.nn.Conv3d;
import org.voxarch.runtime.nn.LeakyReLU;
import org.voxarch.runtime.nn.Sequential;

class CheckpointsTest {
    @TempDir
    Path dir;

    private static Sequential net(long channels) {
        return new Sequential(new Conv3d(2, channels, new long[] {3, 3, 3}, new long[] {1, 1, 1},
                new long[] {1, 1, 1}, true), new BatchNorm3d(channels, 1e-5, 0.1));
    }

    @Test
    void roundTripRestoresParametersAndBuffers() throws IOException {
        Sequential saved = net(4);
        DeterministicWeights.fill(saved);
        Path file = dir.resolve("net.pt");
        Checkpoints.save(saved, file);
        Checkpoints.save(saved, file); // replacing an existing checkpoint works too

        Sequential loaded = net(4);
        LoadReport report = Checkpoints.load(loaded, file);
        assertEquals(7, report.loaded());
        Map<String, Tensor> expected = StateDict.toMap(saved);
        StateDict.toMap(loaded).forEach((key, t) -> assertTrue(t.equal(expected.get(key)), key));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file may remain");
        }
    }

    @Test
    void mismatchedModuleAndBadFilesAreReported() throws IOException {
        Path file = dir.resolve("net.pt");
        Checkpoints.save(net(4), file);
        StateDictMismatchException mismatch = assertThrows(StateDictMismatchException.class,
                () -> Checkpoints.load(net(8), file));
        assertTrue(mismatch.getMessage().contains("0.weight expected [8, 2, 3, 3, 3] got [4, 2, 3, 3, 3]"),
                mismatch.getMessage());

        Path longer = dir.resolve("longer.pt");
        Checkpoints.save(net(4).add(new LeakyReLU(0.1)).add(new Conv3d(4, 1, new long[] {1, 1, 1},
                new long[] {1, 1, 1}, new long[] {0, 0, 0}, true)), longer);
        StateDictMismatchException extra = assertThrows(StateDictMismatchException.class,
                () -> Checkpoints.load(net(4), longer));
        assertTrue(extra.getMessage().contains("unexpected (2): 3.weight, 3.bias"), extra.getMessage());

        Path garbage = Files.writeString(dir.resolve("garbage.pt"), "not a zip");
        TensorFileException e = assertThrows(TensorFileException.class, () -> Checkpoints.load(net(4), garbage));
        assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());
        assertThrows(TensorFileException.class, () -> Checkpoints.load(net(4), dir.resolve("absent.pt")));
    }
}
