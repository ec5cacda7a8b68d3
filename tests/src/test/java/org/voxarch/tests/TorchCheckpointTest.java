package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voxarch.runtime.data.DatasetPlan;
import org.voxarch.runtime.data.Normalization;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.TensorFile;
import org.voxarch.runtime.io.TensorFileException;
import org.voxarch.runtime.io.torch.TorchCheckpoint;
import org.voxarch.runtime.io.torch.WeightFiles;

/**
 * nnU-Net v1 checkpoints of a reduced reference UNETR++, written by the authors' code through the real
 * {@code torch.save} (zip and legacy formats; {@code src/test/python/make_torch_checkpoints.py}), read by voxarch.
 */
class TorchCheckpointTest {
    private static final Path DIR = Path.of("src/test/resources/torch");
    private static final Path ZIP = DIR.resolve("tiny_zip.model");
    private static final Path LEGACY = DIR.resolve("tiny_legacy.model");
    private static final Path IO = DIR.resolve("tiny_io.safetensors");
    /** The reduced network the fixtures hold, as a bundled variant with overrides. */
    private static final String[] NETWORK = {"--model", "unetrpp-synapse", "--set", "feature_size=4", "--set",
        "depths=1,1,1,1", "--set", "patch=16,32,32"};

    @ParameterizedTest
    @ValueSource(strings = {"tiny_zip.model", "tiny_legacy.model"})
    void forwardWithTheAuthorsCheckpointMatchesTheReferenceOutputs(String name, @TempDir Path dir) {
        Path out = dir.resolve("y.safetensors");
        CliRun run = cli(dir, "forward", "--weights", DIR.resolve(name).toString(), "--input", IO.toString(), "-o",
                out.toString());
        assertEquals(0, run.exitCode(), run.err());
        try (PointerScope scope = new PointerScope()) {
            TensorFile reference = Safetensors.read(IO);
            TensorFile ours = Safetensors.read(out);
            for (int i = 0; i < 3; i++) {
                String key = "output." + i;
                Closeness.assertClose(name + " " + key, Fixtures.values(reference.require(key)),
                        Fixtures.values(ours.require(key)));
            }
        }
    }

    @Test
    void zipAndLegacyFormatsHoldTheSameStateDictWithEAndFSharingOneStorage() {
        try (PointerScope scope = new PointerScope()) {
            Map<String, Tensor> zip = WeightFiles.readStateDict(ZIP);
            Map<String, Tensor> legacy = WeightFiles.readStateDict(LEGACY);
            assertEquals(new ArrayList<>(zip.keySet()), new ArrayList<>(legacy.keySet()));
            zip.forEach((k, t) -> assertTrue(t.equal(legacy.get(k)), k));
            for (Map<String, Tensor> sd : List.of(zip, legacy)) {
                List<String> eKeys = sd.keySet().stream().filter(k -> k.endsWith("epa_block.E.weight")).toList();
                assertEquals(13, eKeys.size(), "one EPA per encoder stage, three per decoder block");
                for (String e : eKeys) {
                    Tensor f = sd.get(e.replace(".E.weight", ".F.weight"));
                    assertTrue(sd.get(e).is_alias_of(f), e + " and its F share memory");
                }
                // num_batches_tracked is int64 in the file and stays so
                assertEquals(org.bytedeco.pytorch.global.torch.ScalarType.Long.value, sd.entrySet().stream()
                        .filter(x -> x.getKey().endsWith("num_batches_tracked")).findFirst().orElseThrow()
                        .getValue().scalar_type().value);
            }
        }
    }

    @Test
    void theCheckpointDictKeepsItsOtherEntriesAsPlainData() {
        try (TorchCheckpoint c = TorchCheckpoint.open(ZIP)) {
            Map<?, ?> root = (Map<?, ?>) c.root();
            assertEquals(3L, root.get("epoch"));
            List<?> best = (List<?>) root.get("best_stuff");
            assertEquals(List.of(2L, 1.1, 0.3), best, "numpy float64 scalars become doubles");
            Map<?, ?> optimizer = (Map<?, ?>) root.get("optimizer_state_dict");
            assertEquals(6, ((Map<?, ?>) optimizer.get("state")).size(), "momentum of the six optimised tensors");
            assertEquals(null, root.get("lr_scheduler_state_dict"));
        }
    }

    @Test
    void importRunMakesARunWhosePlanComesFromThePickleAndWhoseWeightsPredictUses(@TempDir Path dir)
            throws IOException {
        Path runDir = dir.resolve("run");
        CliRun imported = cli(dir, "import-run", ZIP.toString(), "-o", runDir.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("not honoured:"), imported.out());
        assertTrue(imported.out().contains("CT: clip to [-958.0, 276.0], then (x - 99.40) / 137.20"),
                imported.out());
        DatasetPlan plan = DatasetPlan.read(runDir.resolve("plan.json"));
        assertArrayEquals(new double[] {3.0, 0.7578125, 0.7578125}, plan.targetSpacing());
        assertEquals(Normalization.CT, plan.channels().get(0).normalization());
        assertEquals(137.2, plan.channels().get(0).std());
        try (PointerScope scope = new PointerScope()) {
            Map<String, Tensor> original = WeightFiles.readStateDict(ZIP);
            TensorFile run = Safetensors.read(runDir.resolve("model_final.safetensors"));
            original.forEach((k, t) -> assertTrue(t.equal(run.require(k)), k));
        }
        String json = Files.readString(runDir.resolve("run.json"));
        assertTrue(json.contains("\"patch\" : \"16,32,32\"") && json.contains("\"classes\" : \"14\""), json);
    }

    @Test
    void exportThenReimportGivesByteIdenticalWeights(@TempDir Path dir) {
        Path first = dir.resolve("first");
        assertEquals(0, cli(dir, "import-run", LEGACY.toString(), "-o", first.toString()).exitCode());
        Path exported = dir.resolve("out/exported.model");
        CliRun export = CliRun.of("export", "--run", first.toString(), "-o", exported.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(Files.isRegularFile(dir.resolve("out/exported.model.pkl")));
        Path second = dir.resolve("second");
        CliRun again = CliRun.of("import-run", exported.toString(), "--set", "feature_size=4", "--set",
                "depths=1,1,1,1", "-o", second.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("unetrpp-synapse"), "the trainer name in the exported .pkl picks it");
        try (PointerScope scope = new PointerScope()) {
            Map<String, Tensor> original = WeightFiles.readStateDict(LEGACY);
            try (TorchCheckpoint c = TorchCheckpoint.open(exported)) {
                Map<String, Tensor> written = c.stateDict();
                assertEquals(original.keySet(), written.keySet());
                original.forEach((k, t) -> assertArrayEquals(bytes(t), bytes(written.get(k)), k));
                assertTrue(written.get("unetr_pp_encoder.stages.0.0.epa_block.E.weight")
                        .is_alias_of(written.get("unetr_pp_encoder.stages.0.0.epa_block.F.weight")));
            }
            TensorFile a = Safetensors.read(first.resolve("model_final.safetensors"));
            TensorFile b = Safetensors.read(second.resolve("model_final.safetensors"));
            a.tensors().forEach((k, t) -> assertArrayEquals(bytes(t), bytes(b.require(k)), k));
            DatasetPlan p1 = DatasetPlan.read(first.resolve("plan.json"));
            DatasetPlan p2 = DatasetPlan.read(second.resolve("plan.json"));
            assertEquals(p1.channels(), p2.channels());
            assertArrayEquals(p1.targetSpacing(), p2.targetSpacing());
        }
    }

    @Test
    void aTruncatedZipIsOneMessage(@TempDir Path dir) throws IOException {
        Path cut = dir.resolve("cut.model");
        byte[] all = Files.readAllBytes(ZIP);
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        assertFails(dir, cut, "not a complete zip archive");
    }

    @Test
    void aTruncatedLegacyFileIsOneMessage(@TempDir Path dir) throws IOException {
        Path cut = dir.resolve("cut.model");
        byte[] all = Files.readAllBytes(LEGACY);
        Files.write(cut, Arrays.copyOf(all, all.length - 1000));
        assertFails(dir, cut, "truncated");
    }

    @Test
    void aMissingStorageEntryIsOneMessage(@TempDir Path dir) throws IOException {
        Path damaged = dir.resolve("damaged.model");
        rewriteZip(ZIP, damaged, name -> name.endsWith("/data/7") ? null : name, null);
        assertFails(dir, damaged, "storage 7 has no entry tiny_zip/data/7");
    }

    @Test
    void aPickleCallingAnythingOutsideTheAllowListIsRefusedByName(@TempDir Path dir) throws IOException {
        Path evil = dir.resolve("evil.model");
        // os.system("touch pwned"), as a pickle would spell it
        byte[] pickle = "\u0080\u0002cos\nsystem\nX\u000b\u0000\u0000\u0000touch pwnedR.".getBytes(
                StandardCharsets.ISO_8859_1);
        rewriteZip(ZIP, evil, name -> name, pickle);
        assertFails(dir, evil, "the pickle calls os.system, which is not on the list");
        assertFalse(Files.exists(Path.of("pwned")));
        TensorFileException e = assertThrows(TensorFileException.class, () -> TorchCheckpoint.open(evil));
        assertTrue(e.getMessage().startsWith(evil.toString()), e.getMessage());
    }

    @Test
    void theStateDictOfAnotherNetworkListsWhatDoesNotFit(@TempDir Path dir) {
        CliRun run = CliRun.of("forward", "--model", "unetrpp-acdc", "--set", "patch=8,32,32", "--weights",
                ZIP.toString(), "--input", IO.toString(), "-o", dir.resolve("y.safetensors").toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("missing") && run.err().contains("unexpected")
                && run.err().contains("shape mismatch"), run.err());
        assertTrue(run.err().contains("conv52"), "acdc's extra conv is missing: " + run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    private static void assertFails(Path dir, Path weights, String message) {
        CliRun run = cli(dir, "forward", "--weights", weights.toString(), "--input", IO.toString(), "-o",
                dir.resolve("y.safetensors").toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains(message), run.err());
        assertTrue(run.err().contains(weights.toString()), "names the file: " + run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    private static CliRun cli(Path dir, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(NETWORK));
        if (command.equals("import-run")) {
            all.removeIf(a -> a.startsWith("patch="));
            all.remove(all.lastIndexOf("--set"));
            all.remove("--model");
            all.remove("unetrpp-synapse");
        }
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static byte[] bytes(Tensor t) {
        Tensor c = t.contiguous();
        byte[] out = new byte[(int) c.nbytes()];
        new org.bytedeco.javacpp.BytePointer(c.data_ptr()).get(out);
        return out;
    }

    /** Copies a zip, renaming or dropping entries ({@code rename} gives null) and replacing data.pkl if given. */
    private static void rewriteZip(Path from, Path to, java.util.function.UnaryOperator<String> rename,
            byte[] pickle) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream os = Files.newOutputStream(to);
                ZipOutputStream out = new ZipOutputStream(os)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = rename.apply(entry.getName());
                if (name == null) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(name));
                if (pickle != null && name.endsWith("/data.pkl")) {
                    out.write(pickle);
                } else {
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
    }
}
