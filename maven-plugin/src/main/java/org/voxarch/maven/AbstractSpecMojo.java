package org.voxarch.maven;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What every voxarch goal shares: which {@code .arch} files it reads, and how spec errors fail the build. */
abstract class AbstractSpecMojo extends AbstractMojo {

    /**
     * The folder with the {@code .arch} specs. An import is resolved relative to the importing file, then on the
     * plugin's class path: with {@code voxarch-models} as a dependency of the plugin, {@code import
     * "voxarch/models/unetrpp/unetrpp.arch"} brings in the bundled UNETR++ blocks and networks. {@code std/...} is
     * the standard library.
     */
    @Parameter(property = "voxarch.sourceDirectory", defaultValue = "${project.basedir}/src/main/arch")
    protected File sourceDirectory;

    /**
     * Patterns of the specs to read, relative to {@code sourceDirectory} ({@code *}, {@code ?} and {@code **} as in
     * Maven's resource includes). Default: every {@code .arch} file, {@code **}{@code /*.arch}. Files that are only
     * imported need not be included.
     */
    @Parameter
    protected List<String> includes;

    /** Patterns of specs to leave out, relative to {@code sourceDirectory}; they win over {@code includes}. */
    @Parameter
    protected List<String> excludes;

    /** Skips the goal. */
    @Parameter(property = "voxarch.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The selected spec files. */
    protected SpecFiles specs() throws MojoExecutionException {
        try {
            return SpecFiles.scan(sourceDirectory.toPath(), includes, excludes);
        } catch (IOException e) {
            throw new MojoExecutionException("voxarch: cannot list the specs in " + sourceDirectory + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Logs the diagnostics exactly as the CLI prints them (one block, under a single {@code [ERROR]} line) and
     * returns the failure for Maven's one-line summary. No stack trace: this is the user's mistake, not ours.
     */
    protected MojoFailureException failure(SpecErrors errors) {
        getLog().error("\n" + errors.text().stripTrailing());
        return new MojoFailureException(errors.getMessage() + " (see the diagnostics above)");
    }

    /** The source directory as users see it: relative to the project when it is inside it. */
    protected String shownSourceDirectory() {
        try {
            return project.getBasedir().toPath().toAbsolutePath().relativize(sourceDirectory.toPath().toAbsolutePath())
                    .toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return sourceDirectory.toString();
        }
    }
}
