package org.voxarch.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.codegen.JavaGenerator;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Generates Java classes for the networks and variants of spec files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate one Java class per network and variant declared in the files, and one per spec file"
                + " holding the blocks and enums they use.",
            "The classes need voxarch-runtime on the class path."})
final class GenerateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".arch files.")
    List<Path> files;

    @Option(names = {"-d", "--directory"}, required = true, paramLabel = "DIR",
            description = "Output source root (package folders are created below it).")
    Path directory;

    @Option(names = {"-p", "--package"}, paramLabel = "P", defaultValue = "voxarch.generated",
            description = "Java package (default: ${DEFAULT-VALUE}).")
    String packageName;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override a network parameter. Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Program program = Compiler.loadFiles(files);
        List<NetworkModel> models = new ArrayList<>();
        for (Decl d : program.buildables()) {
            if (!(d instanceof Decl.Grid)) {
                models.add(Compiler.elaborate(program, d.name().name(), settings));
            }
        }
        int count = models.size();
        if (count > 0) {
            for (JavaGenerator.GeneratedFile file : JavaGenerator.generate(program, models, packageName)) {
                Path target = directory.resolve(file.relativePath());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.source(), StandardCharsets.UTF_8);
                System.out.println("wrote " + target);
            }
        }
        if (count == 0) {
            System.err.println("warning: the files declare no network or variant; nothing generated");
        }
        return 0;
    }
}
