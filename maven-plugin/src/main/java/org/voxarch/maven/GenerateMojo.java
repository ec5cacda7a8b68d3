package org.voxarch.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.codegen.JavaGenerator;
import org.voxarch.compiler.diag.CompileException;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;
import org.voxarch.compiler.resolve.SourceLoader;

/**
 * Generates one Java class per network and variant declared in the project's {@code .arch} files, and adds the
 * output directory to the compile source roots. Files whose content would not change are not rewritten.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /** Where the {@code .arch} specs are. */
    @Parameter(property = "voxarch.sourceDirectory", defaultValue = "${project.basedir}/src/main/arch")
    private File sourceDirectory;

    /** Where the generated Java goes. */
    @Parameter(property = "voxarch.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/voxarch")
    private File outputDirectory;

    /** The Java package of the generated classes. */
    @Parameter(property = "voxarch.packageName", defaultValue = "voxarch.generated")
    private String packageName;

    /** Network parameter overrides, as the CLI's {@code --set name=value} (e.g. patch = 48,96,160). */
    @Parameter
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (!sourceDirectory.isDirectory()) {
            getLog().info("No .arch sources in " + sourceDirectory);
            return;
        }
        List<SourceFile> sources = readSources(sourceDirectory.toPath());
        int written = 0;
        int unchanged = 0;
        try {
            Program program = Compiler.load(sources);
            for (Decl d : program.buildables()) {
                if (d instanceof Decl.Grid) {
                    continue;
                }
                NetworkModel model = Compiler.elaborate(program, d.name().name(), overrides);
                JavaGenerator.GeneratedFile file = JavaGenerator.generate(program, model, packageName);
                if (writeIfChanged(outputDirectory.toPath().resolve(file.relativePath()), file.source())) {
                    written++;
                } else {
                    unchanged++;
                }
            }
        } catch (CompileException e) {
            getLog().error("\n" + e.getMessage());
            throw new MojoFailureException(e.diagnostics().count() + " error(s) in .arch specs under "
                    + sourceDirectory);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write generated sources: " + e.getMessage(), e);
        }
        getLog().info("voxarch: " + written + " class(es) generated, " + unchanged + " unchanged, in "
                + outputDirectory);
        project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
    }

    private static List<SourceFile> readSources(Path root) throws MojoExecutionException {
        List<SourceFile> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".arch")).sorted().toList()) {
                // Named relative to the source root, so generated code does not depend on where Maven runs.
                sources.add(SourceLoader.fromDisk(p, root.relativize(p).toString().replace('\\', '/')));
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read specs under " + root + ": " + e.getMessage(), e);
        }
        return sources;
    }

    private static boolean writeIfChanged(Path target, String content) throws IOException {
        if (Files.isRegularFile(target) && Files.readString(target, StandardCharsets.UTF_8).equals(content)) {
            return false;
        }
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
