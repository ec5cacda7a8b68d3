package org.voxarch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.resolve.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists networks and variants: the bundled ones, or those of a spec file. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the networks and variants you can pass to --model.")
final class ListCommand implements Callable<Integer> {
    @Option(names = "--spec", paramLabel = "FILE", description = "List those declared in this .arch file.")
    Path spec;

    @Override
    public Integer call() {
        Program program = spec == null ? Compiler.loadBundled() : Compiler.loadFiles(List.of(spec));
        for (Decl d : program.buildables()) {
            String name = d.name().name();
            String shown = spec == null ? name.replace('_', '-') : name;
            String doc = d.doc().isEmpty() ? "" : "  " + d.doc().lines().findFirst().orElse("");
            System.out.printf("%-20s%s%n", shown, doc);
        }
        return 0;
    }
}
