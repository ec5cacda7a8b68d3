package org.voxarch.cli;

import java.util.concurrent.Callable;
import org.voxarch.compiler.ir.IrBuilder;
import org.voxarch.compiler.report.KeyListReport;
import org.voxarch.compiler.report.SummaryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Per-module shapes, parameters and FLOPs, from the spec alone; or the state-dict key list. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Show a network's modules with output shape, parameters and FLOPs (one sample, fvcore",
            "convention), and the totals. Computed from the spec; nothing is allocated."})
final class SummaryCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Option(names = "--keys", description = "Print only the state-dict keys: key<TAB>shape, one per line.")
    boolean keys;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "" + SummaryReport.DEFAULT_DEPTH,
            description = "Deepest module level in the table (default: ${DEFAULT-VALUE}).")
    int depth;

    @Override
    public Integer call() {
        NetworkLoader.Elaborated e = NetworkLoader.elaborate(model);
        var ir = IrBuilder.network(e.program(), e.model());
        System.out.print(keys ? KeyListReport.render(ir) : SummaryReport.render(ir, depth));
        return 0;
    }
}
