package org.voxarch.compiler.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.diag.Diagnostics;

/**
 * A bad {@code --set NAME=VALUE} is reported at the flag, not inside the bundled spec the value travelled into;
 * the requirement it broke is a note.
 */
class SettingErrorsTest {
    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir).copyUnetrpp();
    }

    private Diagnostics tinyWith(String name, String value) {
        return specs.elaborateFailing("unetrpp.arch", "unetrpp_tiny", Map.of(name, value));
    }

    private List<String> notes(Diagnostics diagnostics) {
        return diagnostics.all().get(0).notes().stream().map(specs::shown).toList();
    }

    @Test
    void patchOfTheWrongTypeIsReportedAtTheFlagNotAtTheVariant() {
        specs.assertHeadlines(tinyWith("patch", "abc"),
                "--set patch=abc: error: UnetrPP parameter 'patch' expects [int] but got string \"abc\"");
    }

    @Test
    void zeroHeadsIsReportedAtTheFlagWithTheRequirementItBreaks() {
        Diagnostics diagnostics = tinyWith("heads", "0");
        specs.assertHeadlines(diagnostics, "--set heads=0: error: hidden size 16 is not divisible by 0 heads");
        assertEquals(List.of("division by zero: 16 % 0", "required at " + specs.at("blocks.arch", "require hidden")
                + ": hidden % heads == 0", "in EPA at 'unetr_pp_encoder.stages.0.0.epa_block'"), notes(diagnostics));
    }

    @Test
    void zeroStemIsReportedAtTheFlagWithTheRequirementItBreaks() {
        Diagnostics diagnostics = tinyWith("stem", "0,4,4");
        specs.assertHeadlines(diagnostics, "--set stem=0,4,4: error: patch [32, 64, 64] is not divisible by the"
                + " network's total stride [0, 32, 32] (stem × 2 × 2 × 2)");
        assertEquals(List.of("division by zero: 32 % 0", "required at "
                + specs.at("unetrpp.arch", "require all([patch") + ": all([patch[i] % stride[i] == 0 for i in"
                + " range(3)])"), notes(diagnostics));
    }

    @Test
    void twoDepthsAreReportedAtTheFlagWithTheRequirementItBreaks() {
        Diagnostics diagnostics = tinyWith("depths", "1,1");
        specs.assertHeadlines(diagnostics, "--set depths=1,1: error: depths and proj need four sizes, one per"
                + " encoder stage");
        assertEquals(List.of("required at " + specs.at("unetrpp.arch", "require len(depths)")
                + ": len(depths) == 4 and len(proj) == 4"), notes(diagnostics));
    }

    @Test
    void negativeDecoderDepthIsRefusedAtTheFlag() {
        Diagnostics diagnostics = tinyWith("decoder_depth", "-1");
        specs.assertHeadlines(diagnostics, "--set decoder_depth=-1: error: decoder_depth -1 is a negative block"
                + " count");
        assertEquals(List.of("required at " + specs.at("unetrpp.arch", "require decoder_depth")
                + ": decoder_depth >= 0"), notes(diagnostics));
    }

    @Test
    void aSettingThatBreaksAStatementWithoutARequirementIsReportedAtTheFlag() {
        specs.write("net.arch", """
                block Stack(widths: [int]) {
                  let last = widths[2]
                  conv = Conv3d(1, last, 1)
                  forward(x) {
                    return conv(x)
                  }
                }
                network Net(widths: [int] = [4, 8, 16]) {
                  input x: [B, 1, 8, 8, 8]
                  stack = Stack(widths)
                  forward(x) {
                    return stack(x)
                  }
                }
                """);
        Diagnostics diagnostics = specs.elaborateFailing("net.arch", "Net", Map.of("widths", "4,8"));
        specs.assertHeadlines(diagnostics, "--set widths=4,8: error: index 2 is out of range for widths, which"
                + " has 2 items");
        assertEquals(List.of("this value fails at " + specs.at("net.arch", "2]"), "in Stack at 'stack'"),
                notes(diagnostics));
    }
}
