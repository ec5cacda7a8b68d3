package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.TensorFile;

/** The command-line contract: names, output formats, exit codes, and messages instead of stack traces. */
class CliTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"unetrpp-synapse,synapse", "unetrpp-btcv,synapse", "unetrpp-acdc,acdc", "unetrpp-brats,tumor",
        "unetrpp-lung,lung"})
    void keysEqualTheReferenceKeyList(String model, String fixture) throws IOException {
        CliRun run = CliRun.of("summary", "--model", model, "--keys");
        assertEquals(0, run.exitCode(), run.err());
        List<String> expected = Files.readAllLines(Fixtures.file("keys_" + fixture + ".tsv")).stream()
                .filter(l -> !l.startsWith("#")).map(l -> {
                    String[] cols = l.split("\t");
                    return cols[0] + "\t" + cols[1];
                }).collect(Collectors.toList());
        assertEquals(expected, run.out().lines().toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"unetrpp-synapse,'42,952,850',47.94", "unetrpp-acdc,'66,796,404',43.71",
        "unetrpp-brats,'42,647,604',73.60", "unetrpp-lung,'121,174,798',125.84"})
    void summaryTotalsAreTheReferenceFigures(String model, String params, String gflops) {
        CliRun run = CliRun.of("summary", "--model", model);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("parameters: " + params), run.out());
        assertTrue(run.out().contains(gflops + " G"), run.out());
    }

    @Test
    void patchOverrideChangesDerivedShapes() {
        CliRun run = CliRun.of("summary", "--model", "unetrpp-synapse", "--set", "patch=32,64,96", "--keys");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("unetr_pp_encoder.stages.0.0.pos_embed\t[1, 6144, 32]"), run.out());
        assertTrue(run.out().contains("unetr_pp_encoder.stages.0.0.epa_block.E.weight\t[64, 6144]"));
    }

    @Test
    void badPatchIsADiagnosticNotAStackTrace() {
        CliRun run = CliRun.of("summary", "--model", "unetrpp-synapse", "--set", "patch=50,128,128");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("--set patch=50,128,128: error: patch [50, 128, 128] is not divisible"),
                run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void unknownModelSuggestsTheClosestName() {
        CliRun run = CliRun.of("summary", "--model", "unetrpp-synapes");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no network named 'unetrpp-synapes'"), run.err());
        assertTrue(run.err().contains("did you mean 'unetrpp_synapse'?"), run.err());
    }

    @Test
    void checkReportsPositionAndExitsOne(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("broken.arch");
        Files.writeString(spec, """
                import "std/layers.arch"
                network Tiny(c: int = 2) {
                  input x: [B, c, 8, 8, 8]
                  head = Conv3d(c, 4, 1)
                  forward(x) {
                    return head(y)
                  }
                }
                """);
        CliRun run = CliRun.of("check", spec.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("broken.arch:6:17: error: unknown name 'y'"), run.err());
        assertTrue(run.err().contains("^"), run.err());
    }

    @Test
    void specNetworkRunsThroughGeneratedCode(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("tiny.arch");
        Files.writeString(spec, """
                import "std/layers.arch"
                network Tiny(c: int = 2, classes: int = 3) {
                  input x: [B, c, 8, 8, 8]
                  body = UnetResBlock(c, 4, norm = batch)
                  head = UnetOutBlock(4, classes)
                  forward(x) {
                    return head(body(x))
                  }
                }
                """);
        Path weights = dir.resolve("w.safetensors");
        Path input = dir.resolve("x.safetensors");
        Path output = dir.resolve("y.safetensors");
        CliRun w = CliRun.of("weights", "--spec", spec.toString(), "--model", "Tiny", "--formula", "-o",
                weights.toString(), "--input", input.toString());
        assertEquals(0, w.exitCode(), w.err());
        CliRun f = CliRun.of("forward", "--spec", spec.toString(), "--model", "Tiny", "--weights",
                weights.toString(), "--input", input.toString(), "-o", output.toString());
        assertEquals(0, f.exitCode(), f.err());
        TensorFile y = Safetensors.read(output);
        assertArrayEquals(new long[] {1, 3, 8, 8, 8}, y.require("output.0").sizes().vec().get());
    }

    @Test
    void forwardRejectsAnInputOfTheWrongShape(@TempDir Path dir) {
        Path weights = dir.resolve("w.safetensors");
        Path input = dir.resolve("x.safetensors");
        assertEquals(0, CliRun.of("weights", "--model", "unetrpp-acdc", "--set", "patch=8,32,32", "-o",
                weights.toString(), "--input", input.toString()).exitCode());
        CliRun run = CliRun.of("forward", "--model", "unetrpp-acdc", "--weights", weights.toString(), "--input",
                input.toString(), "-o", dir.resolve("y.safetensors").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("shape mismatch"), run.err());
        assertFalse(Files.exists(dir.resolve("y.safetensors")));
    }

    @Test
    void corruptWeightsNameTheFile(@TempDir Path dir) throws IOException {
        Path weights = dir.resolve("bad.safetensors");
        Files.write(weights, new byte[] {1, 2, 3});
        CliRun run = CliRun.of("forward", "--model", "unetrpp-acdc", "--weights", weights.toString(), "--input",
                weights.toString(), "-o", dir.resolve("y.safetensors").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: ") && run.err().contains("bad.safetensors"), run.err());
    }

    @Test
    void generateWritesCompilableLookingJava(@TempDir Path dir) throws IOException {
        Path spec = Path.of("../models/src/main/arch/unetrpp/unetrpp.arch");
        CliRun run = CliRun.of("generate", spec.toString(), "-d", dir.toString(), "--package", "demo.nets");
        assertEquals(0, run.exitCode(), run.err());
        Path synapse = dir.resolve("demo/nets/UnetrppSynapse.java");
        String source = Files.readString(synapse);
        assertTrue(source.startsWith("// Generated by voxarch from"), source.substring(0, 200));
        assertTrue(source.contains("extends UnetrppArch.UnetrPP"), "a variant's class extends its network's block");
        String network = Files.readString(dir.resolve("demo/nets/UnetrppArch.java"));
        assertTrue(network.contains("registerChild(\"unetr_pp_encoder\""));
        CliRun again = CliRun.of("generate", spec.toString(), "-d", dir.resolve("again").toString(), "--package",
                "demo.nets");
        assertEquals(0, again.exitCode());
        assertEquals(source, Files.readString(dir.resolve("again/demo/nets/UnetrppSynapse.java")),
                "generation is deterministic");
    }

    @Test
    void variantOverridesReachTheGeneratedCode(@TempDir Path dir) throws IOException {
        for (String name : List.of("blocks.arch", "unetrpp.arch")) {
            Files.copy(Path.of("../models/src/main/arch/unetrpp").resolve(name), dir.resolve(name));
        }
        Path spec = dir.resolve("unetrpp.arch");
        Files.writeString(spec, Files.readString(spec) + """

                variant small = UnetrPP(patch = [32, 64, 64], classes = 3) with {
                  decoder5.decoder_block.0.1.epa_block.proj = 16
                  EPA.heads = 2
                }
                """);
        CliRun keys = CliRun.of("summary", "--spec", spec.toString(), "--model", "small", "--keys");
        assertEquals(0, keys.exitCode(), keys.err());
        assertTrue(keys.out().contains("decoder5.decoder_block.0.1.epa_block.E.weight\t[16, 64]"), keys.out());
        assertTrue(keys.out().contains("decoder5.decoder_block.0.0.epa_block.E.weight\t[64, 64]"), keys.out());
        assertTrue(keys.out().contains("epa_block.temperature\t[2, 1, 1]"), keys.out());
        Path weights = dir.resolve("w.safetensors");
        Path input = dir.resolve("x.safetensors");
        CliRun built = CliRun.of("weights", "--spec", spec.toString(), "--model", "small", "--formula", "-o",
                weights.toString(), "--input", input.toString());
        assertEquals(0, built.exitCode(), built.err());
        TensorFile w = Safetensors.read(weights);
        List<String> builtKeys = w.tensors().entrySet().stream()
                .map(e -> e.getKey() + "\t" + java.util.Arrays.toString(e.getValue().sizes().vec().get())).toList();
        assertEquals(keys.out().lines().toList(), builtKeys, "the generated module has the keys the spec predicts");
        CliRun forward = CliRun.of("forward", "--spec", spec.toString(), "--model", "small", "--weights",
                weights.toString(), "--input", input.toString(), "-o", dir.resolve("y.safetensors").toString());
        assertEquals(0, forward.exitCode(), forward.err());
        assertTrue(forward.out().contains("output.0 [1, 3, 32, 64, 64]"), forward.out());
    }

    @Test
    void diffListsEveryKindOfDifferenceAndAllKeysOnRequest(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("ablation.arch");
        Files.writeString(spec, """
                import "std/layers.arch"
                network Net(c: int = 2, width: int = 4) {
                  input x: [B, c, 8, 8, 8]
                  body = UnetResBlock(c, width, norm = batch)
                  head = UnetOutBlock(width, 3)
                  forward(x) {
                    return head(body(x))
                  }
                }
                variant base = Net()
                variant changed = Net(width = 8) with { body.kernel = 1  head := UnetOutBlock(width, 2) }
                """);
        CliRun cut = CliRun.of("diff", "base", "changed", "--spec", spec.toString());
        assertEquals(0, cut.exitCode(), cut.err());
        assertTrue(cut.out().contains("parameter width: 4 (set at "), cut.out());
        assertTrue(cut.out().contains("override body.kernel: (not set) -> 1\n"), cut.out());
        assertTrue(cut.out().contains("replaced head: (not set) -> UnetOutBlock by UnetOutBlock(width, 2)\n"),
                cut.out());
        assertTrue(cut.out().contains("training activations per sample: "), cut.out());
        assertFalse(cut.out().contains("null"), cut.out());
        CliRun all = CliRun.of("diff", "base", "changed", "--spec", spec.toString(), "--all");
        assertFalse(all.out().contains("more key differences"), all.out());
        assertTrue(all.out().lines().filter(l -> l.startsWith("~ ") || l.startsWith("+ ") || l.startsWith("- "))
                .count() >= cut.out().lines().filter(l -> l.startsWith("~ ")).count(), all.out());
    }
}
