package org.voxarch.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.voxarch.compiler.codegen.JavaGenerator;
import org.voxarch.compiler.diag.CompileException;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.model.NetworkModel;

/**
 * Generates one Java class per network and variant, and one per spec file for the blocks and enums they share,
 * doing only the work a change calls for: a network's class is generated again when a spec it comes from (its own
 * file, the files of the blocks it uses, their imports) changed, when its output was changed or deleted, or when
 * the configuration or the compiler changed. Every network is elaborated again on any change (the spec files'
 * classes describe all their instances) and a spec file's class is written only when its text changed. Classes of
 * networks and spec files that disappeared are deleted. Nothing is written when a spec has errors.
 */
final class IncrementalGenerator {
    /** Bumped when the state file's meaning changes. */
    private static final String STATE_VERSION = "voxarch-generate-2";

    /**
     * What to generate.
     *
     * @param outputDirectory source root of the generated Java
     * @param packageName     package of the generated classes
     * @param overrides       network parameter overrides ({@code --set name=value})
     * @param stateFile       where the state of the last build is kept
     */
    record Settings(SpecFiles specs, Path outputDirectory, String packageName, Map<String, String> overrides,
            Path stateFile) {
        Settings {
            overrides = Map.copyOf(overrides);
        }
    }

    /**
     * What a run did.
     *
     * @param generated networks whose class was generated
     * @param upToDate  networks whose class was left as it was
     * @param removed   output files deleted because their network disappeared
     */
    record Result(List<String> generated, List<String> upToDate, List<Path> removed) {
    }

    private final Settings settings;

    IncrementalGenerator(Settings settings) {
        this.settings = settings;
    }

    Result run() throws SpecErrors, IOException {
        String config = configFingerprint();
        Map<String, String> roots = rootFingerprints();
        BuildState previous = BuildState.read(settings.stateFile());
        if (previous.isCurrent(config, roots, settings.outputDirectory())) {
            return new Result(List.of(), List.copyOf(previous.networks().keySet()), List.of());
        }
        boolean sameConfig = previous.config().equals(config);
        SpecCompilation compilation = SpecCompilation.load(settings.specs());
        // Every network is elaborated: the shared block classes describe the shapes of all their instances.
        Map<String, NetworkModel> models = new LinkedHashMap<>();
        List<CompileException> failures = new ArrayList<>();
        for (String name : compilation.networkNames()) {
            try {
                models.put(name, compilation.elaborate(name, settings.overrides()));
            } catch (CompileException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw compilation.errors(failures);
        }
        List<JavaGenerator.GeneratedFile> files = JavaGenerator.generate(compilation.program(),
                List.copyOf(models.values()), settings.packageName());
        Map<String, BuildState.Network> next = new LinkedHashMap<>();
        Map<String, String> specClasses = new LinkedHashMap<>();
        List<String> generated = new ArrayList<>();
        List<String> upToDate = new ArrayList<>();
        for (JavaGenerator.GeneratedFile file : files) {
            String output = file.relativePath().replace('\\', '/');
            if (file.network() == null) {
                OutputFiles.writeIfChanged(settings.outputDirectory().resolve(file.relativePath()), file.source());
                specClasses.put(output, Hashes.of(file.source()));
                continue;
            }
            String name = file.network();
            BuildState.Network before = sameConfig ? previous.networks().get(name) : null;
            if (before != null && before.isCurrent(settings.outputDirectory())) {
                next.put(name, before);
                upToDate.add(name);
                continue;
            }
            OutputFiles.writeIfChanged(settings.outputDirectory().resolve(file.relativePath()), file.source());
            next.put(name, new BuildState.Network(output, Hashes.of(file.source()),
                    inputs(compilation.sourcesOf(models.get(name)))));
            generated.add(name);
        }
        List<Path> removed = removeStale(previous, next, specClasses);
        new BuildState(config, roots, next, specClasses).write(settings.stateFile());
        return new Result(generated, upToDate, removed);
    }

    /**
     * Deletes outputs of the last build that this build did not produce (their network or spec file is gone or
     * renamed).
     */
    private List<Path> removeStale(BuildState previous, Map<String, BuildState.Network> next,
            Map<String, String> specClasses) throws IOException {
        List<String> kept = new ArrayList<>(next.values().stream().map(BuildState.Network::output).toList());
        kept.addAll(specClasses.keySet());
        List<String> before = new ArrayList<>(previous.networks().values().stream().map(BuildState.Network::output)
                .toList());
        before.addAll(previous.specClasses().keySet());
        List<Path> removed = new ArrayList<>();
        for (String old : before) {
            Path file = settings.outputDirectory().resolve(old);
            if (!kept.contains(old) && Files.deleteIfExists(file)) {
                removed.add(file);
            }
        }
        return removed;
    }

    private static Map<String, String> inputs(List<SourceFile> sources) {
        Map<String, String> out = new TreeMap<>();
        for (SourceFile s : sources) {
            out.put(SpecInputs.origin(s), SpecInputs.hash(s));
        }
        return out;
    }

    private Map<String, String> rootFingerprints() {
        Map<String, String> out = new TreeMap<>();
        for (Path file : settings.specs().files()) {
            out.put(settings.specs().displayPath(file), Hashes.ofFile(file));
        }
        return out;
    }

    /** The configuration and the code that turn specs into Java: a change to any of them regenerates everything. */
    private String configFingerprint() throws IOException {
        List<String> parts = new ArrayList<>();
        parts.add(STATE_VERSION);
        parts.add(Hashes.ofCodeOf(JavaGenerator.class));
        parts.add(settings.outputDirectory().toAbsolutePath().normalize().toString());
        parts.add(settings.packageName());
        new TreeMap<>(settings.overrides()).forEach((k, v) -> parts.add(k + "=" + v));
        return Hashes.ofAll(parts);
    }
}
