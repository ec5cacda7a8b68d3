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
 * Generates one Java class per network and variant, doing only the work a change calls for: a class is generated
 * again when a spec it comes from (its own file, the files of the blocks it uses, their imports) changed, when its
 * output was changed or deleted, or when the configuration or the compiler changed. Classes of networks that
 * disappeared are deleted. Nothing is written when a spec has errors.
 */
final class IncrementalGenerator {
    /** Bumped when the state file's meaning changes. */
    private static final String STATE_VERSION = "voxarch-generate-1";

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
        Map<String, BuildState.Network> next = new LinkedHashMap<>();
        Map<String, JavaGenerator.GeneratedFile> pending = new LinkedHashMap<>();
        List<String> upToDate = new ArrayList<>();
        List<CompileException> failures = new ArrayList<>();
        for (String name : compilation.networkNames()) {
            BuildState.Network before = sameConfig ? previous.networks().get(name) : null;
            if (before != null && before.isCurrent(settings.outputDirectory())) {
                next.put(name, before);
                upToDate.add(name);
                continue;
            }
            try {
                NetworkModel model = compilation.elaborate(name, settings.overrides());
                JavaGenerator.GeneratedFile file = JavaGenerator.generate(compilation.program(), model,
                        settings.packageName());
                pending.put(name, file);
                next.put(name, new BuildState.Network(file.relativePath().replace('\\', '/'),
                        Hashes.of(file.source()), inputs(compilation.sourcesOf(model))));
            } catch (CompileException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw compilation.errors(failures);
        }
        for (JavaGenerator.GeneratedFile file : pending.values()) {
            OutputFiles.writeIfChanged(settings.outputDirectory().resolve(file.relativePath()), file.source());
        }
        List<Path> removed = removeStale(previous, next);
        new BuildState(config, roots, next).write(settings.stateFile());
        return new Result(List.copyOf(pending.keySet()), upToDate, removed);
    }

    /** Deletes outputs of the last build that this build did not produce (their network is gone or renamed). */
    private List<Path> removeStale(BuildState previous, Map<String, BuildState.Network> next) throws IOException {
        List<String> kept = next.values().stream().map(BuildState.Network::output).toList();
        List<Path> removed = new ArrayList<>();
        for (BuildState.Network old : previous.networks().values()) {
            Path file = settings.outputDirectory().resolve(old.output());
            if (!kept.contains(old.output()) && Files.deleteIfExists(file)) {
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
