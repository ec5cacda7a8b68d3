package org.voxarch.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.voxarch.compiler.ir.IrBuilder;
import org.voxarch.compiler.report.DotGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The network's dataflow as Graphviz DOT, or SVG when Graphviz is installed. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Write the network's dataflow graph: DOT, or SVG when OUT ends in .svg (needs Graphviz).")
final class GraphCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "OUT.dot or OUT.svg")
    Path output;

    @Override
    public Integer call() throws Exception {
        NetworkLoader.Elaborated elaborated = NetworkLoader.elaborate(model);
        String dot = DotGraph.render(IrBuilder.network(elaborated.program(), elaborated.model()));
        if (output.toString().endsWith(".svg")) {
            DotGraph.writeSvg(dot, output);
        } else {
            Path parent = output.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".graph", ".dot");
            Files.writeString(temp, dot, StandardCharsets.UTF_8);
            Files.move(temp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println("wrote " + output);
        return 0;
    }
}
