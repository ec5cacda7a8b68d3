package org.voxarch.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.SpecFile;
import org.voxarch.compiler.diag.CompileException;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;
import org.voxarch.compiler.resolve.SourceLoader;

/**
 * The compile step the goals share: load and check the selected specs, then elaborate their networks and variants.
 * Files are named relative to the source directory, so generated code does not depend on where Maven runs. Any
 * error becomes a {@link SpecErrors} with the CLI's diagnostics.
 */
final class SpecCompilation {
    private final SpecFiles specs;
    private final Program program;
    private final Map<String, SpecFile> filesByName = new HashMap<>();

    private SpecCompilation(SpecFiles specs, Program program) {
        this.specs = specs;
        this.program = program;
        for (SpecFile f : program.files()) {
            filesByName.put(f.source().displayPath(), f);
        }
    }

    /** Loads and statically checks the files and their imports. */
    static SpecCompilation load(SpecFiles specs) throws SpecErrors, IOException {
        List<SourceFile> sources = new ArrayList<>();
        for (Path file : specs.files()) {
            sources.add(SourceLoader.fromDisk(file, specs.displayPath(file)));
        }
        try {
            return new SpecCompilation(specs, Compiler.load(sources));
        } catch (CompileException e) {
            throw SpecErrors.of(specs.files(), List.of(e));
        }
    }

    Program program() {
        return program;
    }

    /**
     * The networks and variants the selected files declare (a grid's members included), in declaration order. As
     * in {@code voxarch check}, a template (a network with a parameter without default) is left out: only its
     * variants can be built.
     */
    List<String> networkNames() {
        List<String> names = new ArrayList<>();
        for (Decl d : program.buildables()) {
            if (!(d instanceof Decl.Grid) && !isTemplate(d)) {
                names.add(d.name().name());
            }
        }
        return names;
    }

    private static boolean isTemplate(Decl d) {
        return d instanceof Decl.Block b && b.params().stream().anyMatch(p -> p.defaultValue() == null);
    }

    /** Elaborates one network with command-line style overrides; throws the compiler's own exception. */
    NetworkModel elaborate(String name, Map<String, String> overrides) {
        return Compiler.elaborate(program, name, overrides);
    }

    /** Elaborates every network and variant; reports the errors of all of them. */
    List<NetworkModel> elaborateAll(Map<String, String> overrides) throws SpecErrors {
        List<NetworkModel> models = new ArrayList<>();
        List<CompileException> failures = new ArrayList<>();
        for (String name : networkNames()) {
            try {
                models.add(elaborate(name, overrides));
            } catch (CompileException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw errors(failures);
        }
        return models;
    }

    /** Turns failures collected from {@link #elaborate} into the errors to report. */
    SpecErrors errors(List<CompileException> failures) {
        return SpecErrors.of(specs.files(), failures);
    }

    /**
     * The spec files a network's generated code comes from: the file declaring it (and its variant), every file
     * declaring a block it instantiates, and everything those files import, transitively.
     */
    List<SourceFile> sourcesOf(NetworkModel model) {
        Set<String> seen = new LinkedHashSet<>();
        Map<String, SourceFile> out = new LinkedHashMap<>();
        addWithImports(model.network().span().file(), seen, out);
        if (model.variant() != null) {
            addWithImports(model.variant().span().file(), seen, out);
        }
        addBlocks(model.root(), seen, out);
        return List.copyOf(out.values());
    }

    private void addBlocks(Instance instance, Set<String> seen, Map<String, SourceFile> out) {
        if (instance.decl() != null) {
            addWithImports(instance.decl().span().file(), seen, out);
        }
        for (Instance.Entry e : instance.entries()) {
            if (!e.alias()) {
                addBlocks(e.child(), seen, out);
            }
        }
    }

    private void addWithImports(SourceFile file, Set<String> seen, Map<String, SourceFile> out) {
        if (!seen.add(file.displayPath())) {
            return;
        }
        SpecFile spec = filesByName.get(file.displayPath());
        out.put(file.displayPath(), spec != null ? spec.source() : file);
        if (spec == null) {
            return;
        }
        for (SpecFile.Import imp : spec.imports()) {
            SourceFile target = SourceLoader.resolve(imp.path(), spec.source());
            if (target != null) {
                addWithImports(target, seen, out);
            }
        }
    }
}
