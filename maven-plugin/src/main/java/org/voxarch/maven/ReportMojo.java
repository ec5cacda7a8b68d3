package org.voxarch.maven;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.voxarch.compiler.model.NetworkModel;

/**
 * Writes the reports of every network and variant the specs declare, computed from the specs alone: {@code
 * NAME.md} (per-module output shape, parameters and FLOPs, then the totals, as Markdown), {@code NAME.keys.tsv}
 * (the state-dict keys and shapes), {@code NAME.dot} (the dataflow graph; {@code NAME.svg} too when Graphviz is
 * installed) and {@code index.md} (one line per network).
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends AbstractNetworkMojo {

    /** Where the reports go. */
    @Parameter(property = "voxarch.reportDirectory", defaultValue = "${project.build.directory}/voxarch-reports")
    private File reportDirectory;

    /** The deepest module level in the summary tables (0: the network only, 1: its children, ...). */
    @Parameter(property = "voxarch.depth", defaultValue = "4")
    private int depth;

    /** Also render each graph to SVG, when Graphviz' {@code dot} is on the PATH (otherwise only DOT is written). */
    @Parameter(property = "voxarch.svg", defaultValue = "true")
    private boolean svg;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("voxarch: report skipped");
            return;
        }
        SpecFiles specs = specs();
        if (specs.isEmpty()) {
            getLog().info("voxarch: no .arch specs in " + shownSourceDirectory());
            return;
        }
        try {
            SpecCompilation compilation = SpecCompilation.load(specs);
            List<NetworkModel> models = compilation.elaborateAll(overrides());
            NetworkReports reports = new NetworkReports(reportDirectory.toPath(), depth, svg);
            boolean svgSkipped = false;
            for (NetworkModel model : models) {
                svgSkipped |= reports.write(compilation.program(), model).svgSkipped();
            }
            reports.writeIndex(models);
            if (svgSkipped) {
                getLog().info("voxarch: Graphviz 'dot' not found; graphs written as .dot only");
            }
            getLog().info("voxarch: reports of " + models.size() + (models.size() == 1 ? " network" : " networks")
                    + " in " + reportDirectory);
        } catch (SpecErrors e) {
            throw failure(e);
        } catch (IOException e) {
            throw new MojoExecutionException("voxarch: cannot write reports: " + e.getMessage(), e);
        }
    }
}
