package org.voxarch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.voxarch.compiler.ir.IrBuilder;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.report.DiffReport;
import org.voxarch.runtime.data.DatasetCase;
import org.voxarch.runtime.data.MsdDataset;
import org.voxarch.runtime.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Trains and scores several variants of a network alike, and tabulates what each change bought and cost. */
@Command(name = "ablate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare variants of a network as an ablation study. The members are the variants and grid",
            "members of FILE (all of them, one --grid, or --variants A,B,...); --base names the one the others are",
            "compared with (default: the first network or variant FILE declares; it is added to the members).",
            "Every member is checked first: a broken one is reported with its diagnostics and the others go on.",
            "",
            "--plan prints the static table and stops: parameters, GFLOPs and activation memory of one training",
            "sample per member, and what differs from the base (parameters, overrides, weight keys added, removed",
            "or reshaped; voxarch diff A B --spec FILE lists them).",
            "",
            "Otherwise each member is trained with the same data, seed, split and budget (the training options",
            "below, as voxarch train takes them), its test cases (imagesTs/ with labelsTs/) segmented and scored.",
            "DIR gets ablation.md, ablation.csv (params, GFLOPs, memory, Dice per class and mean, HD95, training",
            "time), dice_vs_gflops.png, dice_vs_params.png and validation_dice.png, and members/NAME/ (each a train",
            "run folder). Stopped or killed, the same command resumes: finished members are skipped, the",
            "interrupted one continues from its last checkpoint.",
            "",
            "Examples:",
            "  voxarch ablate models/src/main/arch/ablations/ablations.arch --grid fusion --plan",
            "  voxarch ablate ablations.arch --variants proj_16,proj_64 --base synapse --data Task002_Synapse \\",
            "      --epochs 100 --iters 250 -o ablations/proj",
            "  voxarch complexity     (EPA against full self-attention as the token count grows)",
            ""})
final class AblateCommand implements Callable<Integer> {
    static final String OPTIONS_FILE = "ablation-options.txt";

    @Parameters(index = "0", paramLabel = "FILE", description = "The .arch file that declares the members.")
    Path spec;

    @Option(names = "--grid", paramLabel = "NAME", description = "Take the members of this grid.")
    String grid;

    @Option(names = "--variants", split = ",", paramLabel = "A,B,...", hideParamSyntax = true, description = "Take these variants.")
    List<String> variants = new ArrayList<>();

    @Option(names = "--base", paramLabel = "NAME",
            description = "The member the others are compared with (default: FILE's first declaration).")
    String base;

    @Option(names = "--plan", description = "Print the static table and stop (no data needed).")
    boolean plan;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where the study is written (needed unless"
            + " --plan).")
    Path output;

    @Mixin
    AblationTrainingOptions training;

    @Override
    public Integer call() throws Exception {
        if (grid != null && !variants.isEmpty()) {
            throw new UserError("--grid and --variants both pick the members; give one of them");
        }
        AblationMembers members = AblationMembers.select(spec, grid, variants, base, training.settings);
        int broken = members.reportBroken();
        List<AblationReport.Row> planned = rows(members, AblationMembers.Member::model, m -> "planned", m -> null);
        System.out.printf("%d member(s) of %s, base %s%s%n", members.members().size(), spec,
                members.base().name(), broken > 0 ? ", " + broken + " broken" : "");
        System.out.print(AblationReport.plan(planned).text());
        System.out.println("(" + AblationReport.MEMORY_NOTE + ")");
        if (plan) {
            return 0;
        }
        if (output == null) {
            throw new UserError("-o DIR is needed to train the members (or --plan for the static table only)");
        }
        requireScorableTestCases(training.requireData());
        requireSameOptions();
        List<AblationMembers.Member> working = members.working();
        Map<String, String> failures = new LinkedHashMap<>();
        for (int k = 0; k < working.size(); k++) {
            MemberRun run = new MemberRun(output, working.get(k).name());
            System.out.printf("%n== member %d of %d: %s%s%n", k + 1, working.size(), run.name(), run.state());
            if (!run.scored()) {
                int status = run.complete(spec, training);
                if (status != 0) {
                    failures.put(run.name(), "failed (exit " + status + ")");
                    System.err.println("member " + run.name() + " failed (exit " + status + "); the others go on");
                }
            }
        }
        List<AblationReport.Row> rows = rows(members, m -> trainedModel(m), m -> failures.getOrDefault(m.name(),
                "done"), m -> outcome(m));
        AblationReport.write(output, spec, rows, "mm", "voxarch train " + String.join(" ",
                training.trainArguments()));
        System.out.println();
        System.out.print(AblationReport.results(rows, "mm").text());
        System.out.println("wrote " + output.resolve(AblationReport.MARKDOWN) + ", " + AblationReport.CSV + ", "
                + AblationReport.DICE_VS_GFLOPS + ", " + AblationReport.DICE_VS_PARAMS + ", "
                + AblationReport.VALIDATION_CURVES);
        return broken + failures.size() == 0 ? 0 : Errors.USER_ERROR;
    }

    /** The rows of every member, broken ones included; differences are taken against the base's network. */
    private static List<AblationReport.Row> rows(AblationMembers members,
            Function<AblationMembers.Member, NetworkModel> model,
            Function<AblationMembers.Member, String> status,
            Function<AblationMembers.Member, MemberOutcome> outcome) {
        NetworkModel base = members.base().broken() ? null : model.apply(members.base());
        List<AblationReport.Row> rows = new ArrayList<>();
        for (AblationMembers.Member m : members.members()) {
            NetworkModel network = m.broken() ? null : model.apply(m);
            String differs = m == members.base() ? "(base)" : network == null || base == null ? ""
                    : DiffReport.oneLine(IrBuilder.network(members.program(), base),
                            IrBuilder.network(members.program(), network));
            rows.add(new AblationReport.Row(m.name(), network, differs,
                    m.broken() ? "broken" : status.apply(m), m.broken() ? null : outcome.apply(m)));
        }
        return rows;
    }

    /** The network a member was trained as (the dataset sets channels, classes and patch), else as checked. */
    private NetworkModel trainedModel(AblationMembers.Member m) {
        Path dir = new MemberRun(output, m.name()).dir();
        return Files.isRegularFile(dir.resolve(RunInfo.FILE))
                ? NetworkLoader.elaborate(RunInfo.read(dir).modelOptions(dir)).model() : m.model();
    }

    private MemberOutcome outcome(AblationMembers.Member m) {
        MemberRun run = new MemberRun(output, m.name());
        try {
            return run.scored() ? MemberOutcome.read(run) : null;
        } catch (IOException | RuntimeException e) {
            System.err.println("member " + m.name() + ": cannot read its results (" + e.getMessage() + ")");
            return null;
        }
    }

    private static void requireScorableTestCases(Path data) {
        List<DatasetCase> test = MsdDataset.open(data).test();
        if (test.isEmpty() || test.stream().anyMatch(c -> !c.labelled())) {
            throw new UserError(data.resolve(MsdDataset.DESCRIPTOR) + ": ablate scores every member on the test"
                    + " cases, which need labels (\"test\" entries with \"label\", in labelsTs/); "
                    + (test.isEmpty() ? "there are none" : "some have no label"));
        }
    }

    /** A study folder holds one budget: resuming with other training options would mix incomparable members. */
    private void requireSameOptions() throws IOException {
        Path file = output.resolve(OPTIONS_FILE);
        String options = String.join("\n", training.trainArguments()) + "\nmirror=" + training.mirror + "\n";
        if (Files.isRegularFile(file)) {
            String earlier = Files.readString(file);
            if (!earlier.equals(options)) {
                throw new UserError(output + " holds an ablation trained with other options (" + file + ": "
                        + earlier.strip().replace('\n', ' ') + "); run it with those, or choose another -o");
            }
        } else {
            AtomicFiles.writeString(file, options);
        }
    }
}
