package org.voxarch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.voxarch.compiler.ir.IrBuilder;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.report.DiffReport;
import org.voxarch.compiler.resolve.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What differs between two networks or variants, and where each value was set. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show the parameters, overrides, replaced children, sizes and weight keys that differ between two"
                + " variants.")
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A")
    String first;

    @Parameters(index = "1", paramLabel = "B")
    String second;

    @Option(names = "--spec", paramLabel = "FILE", description = "Take both from this .arch file.")
    Path spec;

    @Option(names = "--all", description = "List every weight key that differs (by default the first "
            + DiffReport.KEYS_SHOWN + ").")
    boolean all;

    @Override
    public Integer call() {
        Program program = spec == null ? Compiler.loadBundled() : Compiler.loadFiles(List.of(spec));
        NetworkModel a = Compiler.elaborate(program, first, Map.of());
        NetworkModel b = Compiler.elaborate(program, second, Map.of());
        System.out.print(DiffReport.render(IrBuilder.network(program, a), IrBuilder.network(program, b), all));
        return 0;
    }
}
