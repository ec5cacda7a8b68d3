package org.voxarch.compiler.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.model.NetworkModel;

/**
 * Copies of the real UNETR++ specs with one line changed. Every variant is elaborated, but a mistake is reported
 * once, at the place to change.
 */
class UnetrppMistakesTest {
    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir).copyUnetrpp();
    }

    @Test
    void theUnchangedSpecsHaveNoDiagnosticsAndTheReferenceFigures() {
        assertFalse(specs.check("unetrpp.arch").hasErrors());
        var program = Compiler.loadFiles(List.of(dir.resolve("unetrpp.arch")));
        NetworkModel synapse = Compiler.elaborate(program, "unetrpp_synapse", Map.of());
        assertEquals(42_952_850L, synapse.parameterCount());
        assertEquals(47_935_619_072L, synapse.flops());
        assertEquals(66_796_404L, Compiler.elaborate(program, "unetrpp_acdc", Map.of()).parameterCount());
        assertEquals(42_647_604L, Compiler.elaborate(program, "unetrpp_brats", Map.of()).parameterCount());
        assertEquals(121_174_798L, Compiler.elaborate(program, "unetrpp_lung", Map.of()).parameterCount());
    }

    @Test
    void skipConnectionWithTheWrongChannels() {
        int line = specs.edit("unetrpp.arch", "dec2 = decoder4(dec3, hidden1)", "dec2 = decoder4(dec3, hidden0)");
        Diagnostics diagnostics = specs.check("unetrpp.arch");
        specs.assertHeadlines(diagnostics, specs.at("unetrpp.arch", line, "hidden0") + ": error: cannot add tensors"
                + " of shapes [B, 64, 16, 16, 16] and [B, 32, 32, 32, 32]: dimension 1 is 64 vs 32");
        specs.assertNote(diagnostics, "this is input 'skip' of UnetrUpBlock at 'decoder4', which fails with it at "
                + specs.at("blocks.arch", "+ skip"));
    }

    @Test
    void decoderDeclaredWithTheWrongChannels() {
        int line = specs.edit("unetrpp.arch", "decoder4 = UnetrUpBlock(dims[2], dims[1]",
                "decoder4 = UnetrUpBlock(dims[2], dims[0]");
        String call = specs.at("unetrpp.arch", line + 1, "decoder4(dec3, hidden1)");
        int callLine = Integer.parseInt(call.split(":")[1]);
        specs.assertHeadlines(specs.check("unetrpp.arch"), specs.at("unetrpp.arch", callLine, "hidden1")
                + ": error: cannot add tensors of shapes [B, 32, 16, 16, 16] and [B, 64, 16, 16, 16]:"
                + " dimension 1 is 32 vs 64");
    }

    @Test
    void patchNotDivisibleByTheStridesSetOnTheCommandLine() {
        Diagnostics diagnostics = specs.elaborateFailing("unetrpp.arch", "unetrpp_synapse",
                Map.of("patch", "50,128,128"));
        specs.assertHeadlines(diagnostics, "--set patch=50,128,128: error: patch [50, 128, 128] is not divisible by"
                + " the network's total stride [16, 32, 32] (stem × 2 × 2 × 2)");
        assertEquals("fails for i = 0, where patch[i] = 50 and stride[i] = 16", diagnostics.all().get(0).notes().get(0));
        assertEquals("the nearest multiples of 16 are 48 and 64", diagnostics.all().get(0).help());
    }

    @Test
    void patchNotDivisibleByTheStridesInAVariantPointsAtTheSize() {
        int line = specs.edit("unetrpp.arch", "variant unetrpp_btcv = UnetrPP()",
                "variant unetrpp_btcv = UnetrPP(patch = [64, 100, 128])");
        Diagnostics diagnostics = specs.check("unetrpp.arch");
        specs.assertHeadlines(diagnostics, specs.at("unetrpp.arch", line, "100") + ": error: patch [64, 100, 128]"
                + " is not divisible by the network's total stride [16, 32, 32] (stem × 2 × 2 × 2)");
        assertEquals("the nearest multiples of 32 are 96 and 128", diagnostics.all().get(0).help());
    }

    @Test
    void headsNotDividingTheChannels() {
        int line = specs.edit("unetrpp.arch", "variant unetrpp_btcv = UnetrPP()",
                "variant unetrpp_btcv = UnetrPP(heads = 5)");
        Diagnostics diagnostics = specs.check("unetrpp.arch");
        // One error, not one per EPA block, and none from the shapes that depend on it.
        specs.assertHeadlines(diagnostics, specs.at("unetrpp.arch", line, "5)")
                + ": error: hidden size 32 is not divisible by 5 heads");
        assertEquals("the nearest divisors of 32 are 4 and 8", diagnostics.all().get(0).help());
    }

    @Test
    void headsNotDividingTheChannelsThroughABlockOverride() {
        int line = specs.edit("unetrpp.arch", "variant unetrpp_btcv = UnetrPP()",
                "variant unetrpp_btcv = UnetrPP() with { EPA.heads = 3 }");
        specs.assertHeadlines(specs.check("unetrpp.arch"), specs.at("unetrpp.arch", line, "3 }")
                + ": error: hidden size 32 is not divisible by 3 heads");
    }

    @Test
    void projectionSizedWithTheWrongTokenCount() {
        specs.edit("blocks.arch", "E = Linear(tokens, proj)", "E = Linear(tokens * 2, proj)");
        Diagnostics diagnostics = specs.check("unetrpp.arch");
        // F is the same Linear as E: its call is not a second error.
        specs.assertHeadlines(diagnostics, specs.at("blocks.arch", "E(k)")
                + ": error: Linear expects last dimension 65536 but got [B, 4, 8, 32768]");
        specs.assertNote(diagnostics, "'E' is Linear(in = 65536, out = 64, bias = true), declared at "
                + specs.at("blocks.arch", "Linear(tokens * 2, proj)"));
    }

    @Test
    void positionalEmbeddingSizedWithTheWrongTokenCount() {
        specs.edit("blocks.arch", "pos_embed = param([1, tokens, hidden]", "pos_embed = param([1, tokens / 2, hidden]");
        Diagnostics diagnostics = specs.check("unetrpp.arch");
        specs.assertHeadlines(diagnostics, specs.at("blocks.arch", "+ pos_embed") + ": error: cannot add tensors of"
                + " shapes [B, 32768, 32] and [1, 16384, 32]: dimension 1 is 32768 vs 16384");
        specs.assertNote(diagnostics, "'pos_embed' is a parameter of shape [1, 16384, 32]");
    }

    @Test
    void overrideOfAnEpaParameterThatDoesNotExist() {
        int line = specs.edit("unetrpp.arch", "variant unetrpp_btcv = UnetrPP()",
                "variant unetrpp_btcv = UnetrPP() with { EPA.nope = 1 }");
        specs.assertOnly(specs.check("unetrpp.arch"), specs.at("unetrpp.arch", line, "EPA.nope")
                + ": error: block EPA has no parameter 'nope'", List.of(),
                "the parameters of EPA are hidden, tokens, proj, heads, dropout, ef, fusion");
    }

    @Test
    void pathOverrideNamingNoInstance() {
        int line = specs.edit("unetrpp.arch", "variant unetrpp_btcv = UnetrPP()",
                "variant unetrpp_btcv = UnetrPP() with { decoder5.decoder_block.0.7.heads = 2 }");
        specs.assertOnly(specs.check("unetrpp.arch"), specs.at("unetrpp.arch", line, "decoder5")
                + ": error: no block instance at path 'decoder5.decoder_block.0.7' to override", List.of(),
                "did you mean 'decoder5.decoder_block.0.0'?");
    }

    @Test
    void settingAParameterThatDoesNotExist() {
        specs.assertHeadlines(specs.elaborateFailing("unetrpp.arch", "unetrpp_synapse", Map.of("nope", "1")),
                "--set nope=1: error: network UnetrPP has no parameter 'nope'");
    }

    @Test
    void dropoutOutOfRangeIsReportedOnceWhereItWasSet() {
        int line = specs.edit("unetrpp.arch", "variant unetrpp_btcv = UnetrPP()",
                "variant unetrpp_btcv = UnetrPP(dropout = 1.5)");
        specs.assertHeadlines(specs.check("unetrpp.arch"), specs.at("unetrpp.arch", line, "1.5")
                + ": error: dropout probability must be between 0 and 1, got 1.5");
    }
}
