package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxarch ablate} on the shipped ablation spec, shrunk with {@code --set} to a network that trains in
 * seconds, on a synthetic dataset: the static plan, a whole study over three members (table, CSV, plots, one row
 * per member) and a second run that skips every finished member.
 */
class AblateCommandTest {
    /** The shipped spec, from this module's folder (where Maven runs the tests). */
    static final Path SPEC = Path.of("..", "models", "src", "main", "arch", "ablations", "ablations.arch");
    /** Synapse's members at a patch of 16×32×32 with four base features and one EPA block per stage. */
    static final List<String> TINY = List.of("--set", "patch=16,32,32", "--set", "stem=1,2,2", "--set",
            "feature_size=4", "--set", "depths=1,1,1,1", "--set", "decoder_depth=1", "--set", "proj=8,8,8,8",
            "--set", "decoder_proj=8");

    @TempDir
    Path dir;

    static List<String> ablate(Path data, Path out, String... members) {
        List<String> args = new ArrayList<>(List.of("ablate", SPEC.toString(), "--variants", String.join(",",
                members), "--base", "synapse", "--data", data.toString(), "-o", out.toString(), "--epochs", "2",
                "--iters", "2", "--val-batches", "1", "--threads", "1", "--seed", "5"));
        args.addAll(TINY);
        return args;
    }

    @Test
    void studyWritesOneRowPerMemberAndItsPlotsThenSkipsFinishedMembers() throws IOException {
        Path data = dir.resolve("data");
        CliRun made = CliRun.of("dataset", "synthetic", "-o", data.toString(), "--cases", "4");
        assertEquals(0, made.exitCode(), made.err());
        Path out = dir.resolve("study");
        String[] args = ablate(data, out, "ef_separate", "fusion_sum").toArray(String[]::new);

        CliRun first = CliRun.of(args);
        assertEquals(0, first.exitCode(), first.out() + first.err());
        for (String progress : List.of("== member 1 of 3: synapse\n", "== member 2 of 3: ef_separate\n",
                "== member 3 of 3: fusion_sum\n")) {
            assertTrue(first.out().contains(progress), progress + " in:\n" + first.out());
        }
        List<String> csv = Files.readAllLines(out.resolve("ablation.csv"));
        assertEquals(List.of("member", "status", "params", "gflops", "activation_mib", "dice_organ1", "dice_organ2",
                "dice_organ3", "dice_mean", "hd95_mean_mm", "train_seconds", "differs"),
                Arrays.asList(csv.get(0).split(",")));
        assertEquals(4, csv.size(), String.join("\n", csv));
        List<String> members = csv.subList(1, 4).stream().map(l -> l.split(",")[0]).toList();
        assertEquals(List.of("synapse", "ef_separate", "fusion_sum"), members);
        for (String row : csv.subList(1, 4)) {
            String[] f = row.split(",");
            assertEquals("done", f[1], row);
            double meanDice = Double.parseDouble(f[8]);
            assertTrue(meanDice >= 0 && meanDice <= 1, row);
            assertTrue(Double.parseDouble(f[10]) > 0, "training time of " + row);
        }
        // Separate E and F add one Linear per transformer block; summing the branches drops two.
        long base = Long.parseLong(csv.get(1).split(",")[2]);
        assertTrue(Long.parseLong(csv.get(2).split(",")[2]) > base, csv.get(2));
        assertTrue(Long.parseLong(csv.get(3).split(",")[2]) < base, csv.get(3));
        assertTrue(csv.get(2).endsWith(",ef: shared -> separate"), csv.get(2));

        String markdown = Files.readString(out.resolve("ablation.md"));
        for (String m : members) {
            assertTrue(markdown.contains("\n| " + m + " | done | "), m + " in:\n" + markdown);
        }
        for (String png : List.of("dice_vs_gflops.png", "dice_vs_params.png", "validation_dice.png")) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4), png);
        }

        CliRun again = CliRun.of(args);
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(3, again.out().split("\\(finished earlier, skipped\\)", -1).length - 1, again.out());
        assertEquals(csv, Files.readAllLines(out.resolve("ablation.csv")));
    }

    @Test
    void planReportsABrokenMemberWithItsDiagnosticsAndGoesOn() throws IOException {
        Path spec = dir.resolve("study.arch");
        Files.writeString(spec, """
                import "voxarch/models/ablations/ablations.arch"
                variant odd_patch = UnetrPP(patch = [40, 128, 128])
                """);
        CliRun plan = CliRun.of("ablate", spec.toString(), "--variants", "fusion_sum,odd_patch", "--base", "synapse",
                "--plan");
        assertEquals(0, plan.exitCode(), plan.err());
        assertTrue(plan.err().startsWith("member odd_patch is broken; the others go on:\n"
                + spec + ":2:"), plan.err());
        assertTrue(plan.err().contains("patch [40, 128, 128] is not divisible by the network's total stride"),
                plan.err());
        assertTrue(plan.out().contains("\nfusion_sum "), plan.out());
        assertTrue(plan.out().lines().anyMatch(l -> l.startsWith("odd_patch ") && l.endsWith("broken")),
                plan.out());
    }

    @Test
    void aStudyFolderKeepsTheOptionsItWasStartedWith() throws IOException {
        Path data = dir.resolve("data");
        assertEquals(0, CliRun.of("dataset", "synthetic", "-o", data.toString(), "--cases", "3").exitCode());
        Path out = dir.resolve("study");
        Files.createDirectories(out);
        Files.writeString(out.resolve("ablation-options.txt"), "--data\nelsewhere\n");
        CliRun run = CliRun.of(ablate(data, out, "fusion_sum").toArray(String[]::new));
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: " + out + " holds an ablation trained with other options ("
                + out.resolve("ablation-options.txt") + ": --data elsewhere); run it with those, or choose another"
                + " -o\n"), run.err());
    }

    @Test
    void unknownGridIsNamedWithTheNearestOne() {
        CliRun run = CliRun.of("ablate", SPEC.toString(), "--grid", "fusoin", "--plan");
        assertEquals(1, run.exitCode());
        assertEquals("error: " + SPEC + ": no grid 'fusoin'; did you mean 'fusion'?\n", run.err());
    }
}
