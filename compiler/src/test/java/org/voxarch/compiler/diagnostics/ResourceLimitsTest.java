package org.voxarch.compiler.diagnostics;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.diag.Diagnostics;

/**
 * Limits on what a spec may make the compiler build: list lengths, list items in all, modules, block nesting, grid
 * members, unbind. Each input here would hang or exhaust memory without its limit; each ends in one positioned
 * diagnostic that names the limit. The timeout is only a guard against a hang, not a speed target.
 */
class ResourceLimitsTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    private static Diagnostics guarded(Supplier<Diagnostics> check) {
        return assertTimeoutPreemptively(HANG_GUARD, check::get);
    }

    private static String network(String... bodyLines) {
        return "network Net() {\n" + String.join("\n", bodyLines) + "\n  input x: [B, 1, 8, 8, 8]\n"
                + "  forward(x) {\n    return x\n  }\n}\n";
    }

    @Test
    void nestedComprehensionsCannotGetRoundTheRangeLimit() {
        specs.write("net.arch", network("  let a = [[0 for j in range(100000)] for i in range(100000)]"));
        specs.assertHeadlines(guarded(() -> specs.check("net.arch")), specs.at("net.arch", "range(100000)]")
                + ": error: this network builds more than 200000 list items in all; that is the compiler's limit"
                + " (specs describe networks, not data)");
    }

    @Test
    void nestedListLetsCannotGetRoundTheRangeLimit() {
        specs.write("net.arch", network("  let a = range(100000)", "  let b = [[y for y in a] for x in a]"));
        specs.assertHeadlines(guarded(() -> specs.check("net.arch")), specs.at("net.arch", "[y for y in a]")
                + ": error: this network builds more than 200000 list items in all; that is the compiler's limit"
                + " (specs describe networks, not data)");
    }

    @Test
    void doublingAListStopsAtTheListLengthLimit() {
        List<String> lets = new ArrayList<>(List.of("  let a0 = [0]"));
        for (int i = 1; i <= 40; i++) {
            lets.add("  let a" + i + " = a" + (i - 1) + " + a" + (i - 1));
        }
        specs.write("net.arch", network(lets.toArray(String[]::new)));
        // a17 would hold 2^17 = 131072 items.
        specs.assertHeadlines(guarded(() -> specs.check("net.arch")), specs.at("net.arch", "+ a16")
                + ": error: a list of 131072 items is too long; lists are limited to 100000 items");
    }

    @Test
    void doublingAListBySpreadingStopsAtTheListLengthLimit() {
        List<String> lets = new ArrayList<>(List.of("  let a0 = [0]"));
        for (int i = 1; i <= 40; i++) {
            lets.add("  let a" + i + " = [*a" + (i - 1) + ", *a" + (i - 1) + "]");
        }
        specs.write("net.arch", network(lets.toArray(String[]::new)));
        specs.assertHeadlines(guarded(() -> specs.check("net.arch")), specs.at("net.arch", "[*a16, *a16]")
                + ": error: a list of 131072 items is too long; lists are limited to 100000 items");
    }

    @Test
    void tooManyModulesAreRefusedNamingTheLimit() {
        specs.write("net.arch", network("  stack = ModuleList([Linear(1, 1) for i in range(50000)])"));
        specs.assertHeadlines(guarded(() -> specs.check("net.arch")), specs.at("net.arch", "Linear(1, 1)")
                + ": error: this network has more than 20000 modules; that is the compiler's limit");
    }

    @Test
    void blocksNestedDeeperThanTheLimitAreRefused() {
        StringBuilder text = new StringBuilder();
        int chain = 5000;
        for (int i = 0; i < chain; i++) {
            text.append("block B").append(i).append("() {\n  b = B").append(i + 1).append("()\n")
                    .append("  forward(x) {\n    return b(x)\n  }\n}\n");
        }
        text.append("block B").append(chain).append("() {\n  forward(x) {\n    return x\n  }\n}\n");
        text.append("network Net() {\n  input x: [B, 1, 8, 8, 8]\n  b = B0()\n  forward(x) {\n    return b(x)\n"
                + "  }\n}\n");
        specs.write("net.arch", text.toString());
        specs.assertHeadlines(guarded(() -> specs.check("net.arch")), specs.at("net.arch", "B64()")
                + ": error: blocks nested more than 64 levels deep (B0 → ... → B63 → B64); that is the compiler's"
                + " limit on block nesting");
    }

    @Test
    void gridWithTooManyMembersIsRefusedBeforeItIsExpanded() {
        StringBuilder params = new StringBuilder();
        StringBuilder axes = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            params.append(i == 0 ? "" : ", ").append("p").append(i).append(": int = 0");
            axes.append("  p").append(i).append(" in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
        }
        specs.write("net.arch", "network Net(" + params + ") {\n  input x: [B, 1, 8, 8, 8]\n  forward(x) {\n"
                + "    return x\n  }\n}\ngrid sweep = Net() over {\n" + axes + "}\n");
        var diagnostics = guarded(() -> specs.check("net.arch"));
        specs.assertOnly(diagnostics, specs.at("net.arch", "sweep") + ": error: grid sweep has 10000000000 members"
                + " (10 axes); a grid has at most 256 members", List.of(),
                "split it into smaller grids, or give its axes fewer values");
    }

    @Test
    void unbindIntoAHundredMillionTensorsIsRefusedBeforeItIsBuilt() {
        specs.write("net.arch", """
                network Net() {
                  input x: [B, 100000000, 2]
                  forward(x) {
                    parts = unbind(x, 1)
                    return x
                  }
                }
                """);
        specs.assertHeadlines(guarded(() -> specs.check("net.arch")), specs.at("net.arch", "unbind(")
                + ": error: unbind into a tuple of 100000000 items is too long; lists are limited to 100000"
                + " items");
    }

    /**
     * A nested comprehension in a UNETR++ default is refused in every variant; check costs tens of MB, not the 1.8 GB
     * (and more) it took when lists were capped at 1,000,000 items and a spent budget still let ranges be built.
     */
    @Test
    void checkOfANestedComprehensionInEveryVariantStaysSmall() {
        specs.copyUnetrpp();
        specs.edit("unetrpp.arch", "feature_size: int = 16,", "feature_size: int = len([[i * j for j in range(100000)]"
                + " for i in range(100000)]),");
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Diagnostics diagnostics = specs.check("unetrpp.arch");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        specs.assertHeadlines(diagnostics, specs.at("unetrpp.arch", "[[i * j") + ": error: this network builds more"
                + " than 200000 list items in all; that is the compiler's limit (specs describe networks, not data)");
        assertTrue(allocated < 300L << 20, "check allocated " + (allocated >> 20)
                + " MB");
    }
}
