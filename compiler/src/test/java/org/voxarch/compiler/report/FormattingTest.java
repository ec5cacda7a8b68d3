package org.voxarch.compiler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Number formats and DOT quoting shared by the reports. */
class FormattingTest {
    @Test
    void flopsUseShortUnits() {
        assertEquals("0", Quantities.flops(0));
        assertEquals("999", Quantities.flops(999));
        assertEquals("12.3 K", Quantities.flops(12_300));
        assertEquals("456.7 M", Quantities.flops(456_700_000));
        assertEquals("1.23 G", Quantities.flops(1_234_000_000));
        assertEquals("47.94 G", Quantities.flops(47_935_619_072L));
        assertEquals("1.50 T", Quantities.flops(1_500_000_000_000L));
    }

    @Test
    void countsAreGroupedByThousands() {
        assertEquals("0", Quantities.grouped(0));
        assertEquals("999", Quantities.grouped(999));
        assertEquals("42,952,850", Quantities.grouped(42_952_850));
    }

    @Test
    void dotStringsEscapeQuotesBackslashesAndLineBreaks() {
        assertEquals("\"plain\"", DotGraph.quote("plain"));
        assertEquals("\"a \\\"b\\\" c\"", DotGraph.quote("a \"b\" c"));
        assertEquals("\"back\\\\slash\"", DotGraph.quote("back\\slash"));
        assertEquals("\"two\\nlines\"", DotGraph.quote("two\nlines"));
    }
}
