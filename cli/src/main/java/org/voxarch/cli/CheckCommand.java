package org.voxarch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.diag.Diagnostics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Checks spec files: syntax, names, types, and every shape of every network and variant they declare. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check .arch files and print every error as file:line:col: error: message.",
            "Exit code 0 when clean, 1 when there are errors."})
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".arch files to check.")
    List<Path> files;

    @Override
    public Integer call() {
        Diagnostics diagnostics = Compiler.check(files);
        System.err.print(diagnostics.formatWarnings());
        if (diagnostics.hasErrors()) {
            System.err.print(diagnostics.format());
            return Errors.USER_ERROR;
        }
        System.out.println("ok: " + files.size() + (files.size() == 1 ? " file" : " files") + ", no errors");
        return 0;
    }
}
