package org.voxarch.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ir.IrBuilder;
import org.voxarch.compiler.ir.NetworkIr;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.report.DotGraph;
import org.voxarch.compiler.report.KeyListReport;
import org.voxarch.compiler.report.SummaryReport;
import org.voxarch.compiler.resolve.Program;

/**
 * Writes the reports of one network into a folder: {@code NAME.md} (the summary table in Markdown), {@code
 * NAME.keys.tsv} (the state-dict keys, {@code key<TAB>shape}), {@code NAME.dot} (the dataflow graph) and, when
 * Graphviz is installed, {@code NAME.svg}.
 */
final class NetworkReports {
    private final Path directory;
    private final int depth;
    private final boolean svg;

    /**
     * @param depth deepest module level of the summary table
     * @param svg   also render the graph to SVG (when Graphviz' {@code dot} is on the PATH)
     */
    NetworkReports(Path directory, int depth, boolean svg) {
        this.directory = directory;
        this.depth = depth;
        this.svg = svg;
    }

    /** What was written for one network. */
    record Written(List<Path> files, boolean svgSkipped) {
    }

    Written write(Program program, NetworkModel model) throws IOException {
        NetworkIr ir = IrBuilder.network(program, model);
        String name = model.name();
        // A variant is reported from the file that declares it, not from its base network's.
        String source = (model.variant() != null ? model.variant().span() : model.network().span()).file()
                .displayPath();
        List<Path> files = new ArrayList<>();
        String summary = "# " + name + "\n\nFrom `" + source + "`.\n\n" + SummaryReport.markdown(ir, depth);
        files.add(write(name + ".md", summary));
        files.add(write(name + ".keys.tsv", KeyListReport.render(ir)));
        String dot = DotGraph.render(ir);
        files.add(write(name + ".dot", dot));
        boolean svgSkipped = false;
        if (svg) {
            Path target = directory.resolve(name + ".svg");
            try {
                DotGraph.writeSvg(dot, target);
                files.add(target);
            } catch (IOException e) {
                if (!DotGraph.DOT_NOT_FOUND.equals(e.getMessage())) {
                    throw e;
                }
                svgSkipped = true;
            }
        }
        return new Written(files, svgSkipped);
    }

    /** {@code index.md}: one line per network with its parameters and FLOPs, linking to its report. */
    Path writeIndex(List<NetworkModel> models) throws IOException {
        StringBuilder out = new StringBuilder("# voxarch networks\n\n| network | parameters | GFLOPs (one sample) |"
                + " outputs |\n|---|---:|---:|---|\n");
        for (NetworkModel m : models) {
            out.append(String.format(java.util.Locale.ROOT, "| [%s](%s.md) | %,d | %.2f | %s |%n", m.name(), m.name(),
                    m.parameterCount(), m.flops() / 1e9, String.join("; ", m.outputs().stream()
                            .map(Object::toString).toList()).replace("|", "\\|")));
        }
        return write("index.md", out.toString());
    }

    private Path write(String fileName, String content) throws IOException {
        Path target = directory.resolve(fileName);
        Files.createDirectories(directory);
        OutputFiles.writeIfChanged(target, content);
        return target;
    }
}
