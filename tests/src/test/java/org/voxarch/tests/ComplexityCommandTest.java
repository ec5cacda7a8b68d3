package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxarch complexity} at two small token counts with a budget between them: both EPA blocks and the smaller
 * full-attention block run and are measured, the larger full-attention block is refused before it allocates.
 */
class ComplexityCommandTest {
    @TempDir
    Path dir;

    @Test
    void fullAttentionPastTheBudgetIsReportedNotRun() throws IOException {
        // Full attention's tensors per pass: 4 heads × tokens² floats several times over, about 4.5 MiB at 256
        // tokens and 18 MiB at 512; EPA's stay under 1 MiB.
        CliRun run = CliRun.of("complexity", "--tokens", "256,512", "--repeats", "1", "--threads", "1",
                "--memory-budget", "8m", "-o", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> csv = Files.readAllLines(dir.resolve("complexity.csv"));
        assertEquals("tokens,epa_ms,epa_cpu_ms,epa_peak_mib,full_ms,full_cpu_ms,full_peak_mib,full_predicted_mib,"
                + "full_status", csv.get(0));
        assertEquals(3, csv.size(), String.join("\n", csv));
        String[] small = csv.get(1).split(",", -1);
        String[] large = csv.get(2).split(",", -1);
        assertEquals("256", small[0]);
        assertEquals("ran", small[8]);
        assertTrue(Double.parseDouble(small[1]) > 0 && Double.parseDouble(small[4]) > 0, csv.get(1));
        assertEquals("512", large[0]);
        assertEquals("out of memory budget", large[8]);
        assertEquals("", large[4], "a refused block has no time");
        assertTrue(Double.parseDouble(large[7]) > 8, "its predicted need is past the 8 MiB budget: " + csv.get(2));
        assertTrue(Double.parseDouble(large[1]) > 0, "EPA still runs at 512 tokens: " + csv.get(2));
        for (String png : List.of("complexity_time.png", "complexity_memory.png")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(png));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4), png);
        }
    }
}
