package org.voxarch.compiler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.ir.IrBuilder;
import org.voxarch.compiler.ir.NetworkIr;
import org.voxarch.compiler.resolve.Program;

/** The reports for the bundled UNETR++ Synapse configuration, checked against the reference and against totals. */
class UnetrppReportsTest {
    private static final Path SPEC = Path.of("../models/src/main/arch/unetrpp/unetrpp.arch");
    private static final List<String> TOP_LEVEL = List.of("unetr_pp_encoder", "encoder1", "decoder5", "decoder4",
            "decoder3", "decoder2", "out1", "out2", "out3");

    private static NetworkIr synapse;

    @BeforeAll
    static void elaborate() {
        synapse = elaborateSynapse();
    }

    private static NetworkIr elaborateSynapse() {
        return elaborate(Map.of());
    }

    private static NetworkIr elaborate(Map<String, String> settings) {
        Program program = Compiler.loadFiles(List.of(SPEC));
        return IrBuilder.network(program, Compiler.elaborate(program, "unetrpp_synapse", settings));
    }

    private static Path shared() {
        String configured = System.getProperty("voxarch.shared");
        return Path.of(configured != null ? configured : "../../shared");
    }

    @Test
    void keyListEqualsTheReferenceKeysAndShapes() throws IOException {
        List<String> expected = Files.readAllLines(shared().resolve("fixtures/keys_synapse.tsv"),
                        StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> {
                    String[] columns = line.split("\t");
                    return columns[0] + "\t" + columns[1];
                })
                .toList();
        String keys = KeyListReport.render(synapse);
        assertTrue(keys.endsWith("\n"), "every line, the last included, ends with a newline");
        assertEquals(String.join("\n", expected), keys.stripTrailing());
        assertEquals(636, keys.lines().count(), "the reference lists 636 keys");
    }

    @Test
    void summaryShowsTheNetworkTotals() {
        String summary = SummaryReport.render(synapse);
        assertTrue(summary.contains("parameters: 42,952,850\n"), summary);
        assertTrue(summary.contains("FLOPs (one sample, fvcore convention): 47.94 G (47,935,619,072)\n"), summary);
        assertTrue(summary.contains("input x: [B, 1, 64, 128, 128]\n"), summary);
        assertTrue(summary.contains("outputs: [B, 14, 64, 128, 128]; [B, 14, 32, 32, 32]; [B, 14, 16, 16, 16]\n"),
                summary);
        assertTrue(summary.contains("buffers: 8,490 elements in 126 tensors\n"), summary);
        String rootRow = summary.lines().filter(l -> l.startsWith("unetrpp_synapse ")).findFirst().orElseThrow();
        assertTrue(rootRow.matches("unetrpp_synapse +UnetrPP +\\[B, 14, 64, 128, 128]; \\[B, 14, 32, 32, 32]; "
                + "\\[B, 14, 16, 16, 16] +42,952,850 +47\\.94 G"), rootRow);
    }

    @Test
    void topLevelRowsAddUpToTheTotal() {
        List<String[]> rows = tableRows(SummaryReport.render(synapse)).stream()
                .filter(cells -> cells[0].equals("  " + cells[0].strip()))
                .toList();
        assertEquals(TOP_LEVEL, rows.stream().map(cells -> cells[0].strip()).toList());
        long sum = rows.stream().mapToLong(cells -> Long.parseLong(cells[3].replace(",", ""))).sum();
        assertEquals(42_952_850L, sum);
        assertEquals(synapse.parameterCount(), sum);
    }

    @Test
    void defaultDepthListsTheTransformerBlocksButNotTheirLayers() {
        String summary = SummaryReport.render(synapse);
        assertEquals(21, tableRows(summary).stream().filter(cells -> cells[1].equals("TransformerBlock")).count());
        assertFalse(summary.contains("stages.0.0.conv51"), summary);
        assertFalse(summary.contains("epa_block"), summary);
    }

    @Test
    void fullDepthSkipsAliasesAndRawParametersButKeepsTheTotal() {
        List<String[]> rows = tableRows(SummaryReport.render(synapse, 99));
        List<String> paths = rows.stream().map(cells -> cells[0].strip()).toList();
        assertEquals(21, paths.stream().filter(p -> p.endsWith(".epa_block.E")).count());
        assertEquals(0, paths.stream().filter(p -> p.endsWith(".epa_block.F")).count(), "F is E's second name");
        assertEquals(0, paths.stream().filter(p -> p.endsWith(".gamma") || p.endsWith(".pos_embed")).count());
        assertEquals(paths.size(), paths.stream().distinct().count(), "each module once");
        // Every module's row equals the sum of its direct children's rows plus its own raw parameters; check
        // one EPA block: qkvv 32*128, E 32768*64+64, out_proj and out_proj2 32*16+16 each, two temperatures 4.
        String[] epa = rows.stream().filter(cells -> cells[0].strip().equals("unetr_pp_encoder.stages.0.0.epa_block"))
                .findFirst().orElseThrow();
        assertEquals(32 * 128 + 32768 * 64 + 64 + 2 * (32 * 16 + 16) + 2 * 4,
                Long.parseLong(epa[3].replace(",", "")));
    }

    @Test
    void markdownHasTheSameRowsAsTheText() {
        String markdown = SummaryReport.markdown(synapse);
        List<String> lines = markdown.lines().toList();
        assertEquals("| module | type | output shape | params | FLOPs |", lines.get(0));
        assertEquals("|---|---|---|---:|---:|", lines.get(1));
        long markdownRows = lines.stream().filter(l -> l.startsWith("| ")).count() - 1;
        assertEquals(tableRows(SummaryReport.render(synapse)).size(), markdownRows);
        assertTrue(markdown.contains("| `unetrpp_synapse` | UnetrPP | [B, 14, 64, 128, 128]; [B, 14, 32, 32, 32]; "
                + "[B, 14, 16, 16, 16] | 42,952,850 | 47.94 G |\n"), markdown);
        assertTrue(markdown.contains("| &nbsp;&nbsp;`out1` | UnetOutBlock | [B, 14, 64, 128, 128] | 238 | 234.9 M |"),
                markdown);
        assertTrue(markdown.contains("\n- parameters: 42,952,850\n"), markdown);
    }

    @Test
    void dotGraphShowsTheTopLevelDataflow() {
        String dot = DotGraph.render(synapse);
        assertTrue(dot.startsWith("digraph \"unetrpp_synapse\" {\n"), dot);
        assertBalancedBraces(dot);
        for (String child : TOP_LEVEL) {
            assertTrue(dot.contains("\n  \"" + child + "\" [label=\"" + child + "\\n"), child + " in\n" + dot);
        }
        assertTrue(dot.contains("\"input:x\" [shape=oval, label=\"x\\n[B, 1, 64, 128, 128]\"];"), dot);
        assertTrue(dot.contains("\"decoder2\" -> \"out1\" [label=\"out\"];"), dot);
        assertTrue(dot.contains("\"unetr_pp_encoder\" -> \"decoder5\" [label=\"hidden3, hidden2\"];"), dot);
        assertTrue(dot.contains("\"encoder1\" -> \"decoder2\" [label=\"conv_block\"];"), dot);
        assertTrue(dot.contains("\"out3\" -> \"output:2\";"), dot);
        assertFalse(dot.contains("output:3"), "three outputs with deep supervision");
    }

    @Test
    void dotGraphFollowsTheBranchTheModelTook() {
        NetworkIr single = elaborate(Map.of("deep_supervision", "false"));
        String dot = DotGraph.render(single);
        assertBalancedBraces(dot);
        assertTrue(dot.contains("\"out1\" -> \"output:0\";"), dot);
        assertTrue(dot.contains("\"output:0\" [shape=oval, label=\"output\\n[B, 14, 64, 128, 128]\"];"), dot);
        assertFalse(dot.contains("out2"), dot);
        assertFalse(dot.contains("output:1"), dot);
    }

    @Test
    void reportsAreDeterministic() {
        NetworkIr again = elaborateSynapse();
        assertEquals(SummaryReport.render(synapse), SummaryReport.render(again));
        assertEquals(SummaryReport.markdown(synapse), SummaryReport.markdown(again));
        assertEquals(KeyListReport.render(synapse), KeyListReport.render(again));
        assertEquals(DotGraph.render(synapse), DotGraph.render(again));
    }

    /** The table rows (header and rule excluded) split into cells; cells are separated by two or more blanks. */
    static List<String[]> tableRows(String summary) {
        List<String> lines = summary.lines().toList();
        int end = lines.indexOf("");
        return lines.subList(2, end).stream().map(UnetrppReportsTest::cells).toList();
    }

    private static String[] cells(String row) {
        int indent = row.length() - row.stripLeading().length();
        String[] rest = row.stripLeading().split(" {2,}");
        rest[0] = " ".repeat(indent) + rest[0];
        return rest;
    }

    /** Braces outside quoted strings must nest properly and close. */
    static void assertBalancedBraces(String dot) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < dot.length(); i++) {
            char c = dot.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                depth++;
            } else if (!quoted && c == '}') {
                depth--;
                assertTrue(depth >= 0, "a '}' closes nothing at offset " + i);
            }
        }
        assertFalse(quoted, "an unterminated string");
        assertEquals(0, depth, "unclosed braces");
    }
}
