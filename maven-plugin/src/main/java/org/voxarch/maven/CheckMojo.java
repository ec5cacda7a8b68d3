package org.voxarch.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks the project's {@code .arch} specs, as {@code voxarch check} does: syntax, names, types, and every shape of
 * every network and variant with its default parameters. Writes nothing. Errors fail the build with the same
 * diagnostics the CLI prints ({@code file.arch:line:col: error: ...}, the source line, a caret, notes and hints).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckMojo extends AbstractSpecMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("voxarch: check skipped");
            return;
        }
        SpecFiles specs = specs();
        if (specs.isEmpty()) {
            getLog().info("voxarch: no .arch specs in " + shownSourceDirectory());
            return;
        }
        SpecErrors errors = SpecErrors.check(specs.files());
        if (errors != null) {
            throw failure(errors);
        }
        int n = specs.files().size();
        getLog().info("voxarch: " + n + (n == 1 ? " spec" : " specs") + " checked, no errors");
    }
}
