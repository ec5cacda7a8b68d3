package org.voxarch.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates one Java class per network and variant declared in the project's {@code .arch} specs, and one per spec
 * file holding the blocks and enums they use, and adds the output folder to the compile source roots. The classes
 * need {@code voxarch-runtime} on the class path.
 *
 * <p>Incremental: a network's class is generated again only when a spec it comes from (including imports) changed,
 * its file was changed or deleted, or the configuration changed; classes of networks and spec files that
 * disappeared are deleted. Spec errors fail the build with the diagnostics {@code voxarch check} prints.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractNetworkMojo {

    /** The source root of the generated Java (package folders are created below it). */
    @Parameter(property = "voxarch.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/voxarch")
    private File outputDirectory;

    /** The Java package of the generated classes. */
    @Parameter(property = "voxarch.packageName", defaultValue = "voxarch.generated")
    private String packageName;

    /**
     * Where the state of the last build is kept (one file per execution), so that unchanged specs are not generated
     * again. Delete it, or run {@code mvn clean}, to generate everything.
     */
    @Parameter(defaultValue = "${project.build.directory}/voxarch-state")
    private File stateDirectory;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution execution;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("voxarch: generate skipped");
            return;
        }
        SpecFiles specs = specs();
        Path stateFile = stateDirectory.toPath().resolve(execution.getExecutionId() + ".properties");
        if (specs.isEmpty() && !Files.exists(stateFile)) {
            getLog().info("voxarch: no .arch specs in " + shownSourceDirectory());
            return;
        }
        IncrementalGenerator.Settings settings = new IncrementalGenerator.Settings(specs, outputDirectory.toPath(),
                packageName, overrides(), stateFile);
        IncrementalGenerator.Result result;
        try {
            result = new IncrementalGenerator(settings).run();
        } catch (SpecErrors e) {
            throw failure(e);
        } catch (IOException e) {
            throw new MojoExecutionException("voxarch: cannot write generated sources: " + e.getMessage(), e);
        }
        for (String name : result.generated()) {
            getLog().debug("voxarch: generated " + name);
        }
        for (Path removed : result.removed()) {
            getLog().info("voxarch: deleted " + removed + " (its network is gone)");
        }
        getLog().info("voxarch: " + result.generated().size() + " generated, " + result.upToDate().size()
                + " up to date (" + shownSourceDirectory() + " -> " + outputDirectory + ")");
        project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
    }
}
