package org.voxarch.compiler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.builtins.Checked;
import org.voxarch.compiler.diag.CompileException;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.eval.Elaborator;
import org.voxarch.compiler.eval.StaticTypes;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;
import org.voxarch.compiler.resolve.SourceLoader;
import org.voxarch.compiler.resolve.StaticChecker;

/**
 * The compiler's entry points: load specs, check them, and elaborate networks. Every method collects all
 * diagnostics it can before failing with a {@link CompileException}.
 */
public final class Compiler {
    /** Where the bundled UNETR++ specs live on the class path (shipped by the models jar). */
    public static final String BUNDLED_SPEC = "voxarch/models/unetrpp/unetrpp.arch";

    private Compiler() {
    }

    /** Loads and statically checks files (and their imports); throws with every diagnostic found. */
    public static Program load(List<SourceFile> sources) {
        Diagnostics diagnostics = new Diagnostics();
        Program program = Program.load(sources, diagnostics);
        if (program.complete()) {
            StaticChecker.check(program, diagnostics);
        }
        if (!diagnostics.hasErrors()) {
            // Code generation writes every branch, reached or not: what check refuses there is refused here too.
            StaticTypes.check(program, diagnostics, Set.of());
        }
        if (diagnostics.hasErrors()) {
            diagnostics.sortBySource();
            throw new CompileException(diagnostics);
        }
        return program;
    }

    public static Program loadFiles(List<Path> files) {
        Diagnostics diagnostics = new Diagnostics();
        List<SourceFile> sources = read(files, diagnostics);
        if (diagnostics.hasErrors()) {
            throw new CompileException(diagnostics);
        }
        return load(sources);
    }

    private static List<SourceFile> read(List<Path> files, Diagnostics diagnostics) {
        List<SourceFile> sources = new ArrayList<>();
        for (Path f : files) {
            try {
                sources.add(SourceLoader.fromDisk(f));
            } catch (SourceLoader.UnreadableSpec e) {
                Span at = e.line() == 0 ? Span.synthetic(f.toString())
                        : new Span(new SourceFile(f.toString(), ""), e.line(), e.column(), 1);
                diagnostics.report(Diagnostic.error(at, e.getMessage()));
            } catch (IOException e) {
                diagnostics.report(Diagnostic.error(Span.synthetic(f.toString()), "cannot read file: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            }
        }
        return sources;
    }

    /** The bundled UNETR++ family. */
    public static Program loadBundled() {
        try {
            return load(List.of(SourceLoader.fromClasspath(BUNDLED_SPEC)));
        } catch (IOException e) {
            throw new IllegalStateException("the bundled specs are missing from the class path (" + BUNDLED_SPEC
                    + "); is voxarch-models on it?", e);
        }
    }

    /**
     * Elaborates one network or variant with command-line style overrides ({@code patch -> "48,96,160"}).
     */
    public static NetworkModel elaborate(Program program, String name, Map<String, String> settings) {
        Diagnostics diagnostics = new Diagnostics();
        Map<String, Elaborator.Setting> parsed = new LinkedHashMap<>();
        settings.forEach((k, v) -> parsed.put(k, new Elaborator.Setting(SettingParser.parse(v, program),
                Span.synthetic("--set " + k + "=" + v))));
        NetworkModel model = checkTotals(new Elaborator(program, diagnostics).elaborate(normalise(program, name),
                parsed), diagnostics);
        if (model == null || diagnostics.hasErrors()) {
            diagnostics.sortBySource();
            throw new CompileException(diagnostics);
        }
        return model;
    }

    /**
     * Checks everything the user's files declare: every block statically, every network and variant by elaborating
     * it. Returns every diagnostic, in source order. Elaboration runs after static errors too (a mistake there
     * poisons what depends on it instead of being reported again), but not when a file is unreadable, does not
     * parse or misses an import, since its declarations would then be missing.
     */
    public static Diagnostics check(List<Path> files) {
        Diagnostics diagnostics = new Diagnostics();
        List<SourceFile> sources = read(files, diagnostics);
        if (diagnostics.hasErrors()) {
            return diagnostics;
        }
        Program program = Program.load(sources, diagnostics);
        if (!program.complete()) {
            return diagnostics;
        }
        StaticChecker.check(program, diagnostics);
        Set<Span> reached = new HashSet<>();
        for (Decl d : program.buildables()) {
            // A network with parameters that have no default is a template: its variants are checked instead.
            boolean template = d instanceof Decl.Block b && b.params().stream().anyMatch(p -> p.defaultValue() == null);
            if (!(d instanceof Decl.Grid) && !template) {
                Elaborator elaborator = new Elaborator(program, diagnostics);
                checkTotals(elaborator.elaborate(d.name().name(), Map.of()), diagnostics);
                reached.addAll(elaborator.reached());
            }
        }
        // What no network reached is generated all the same: it is typed from the declared types.
        StaticTypes.check(program, diagnostics, reached);
        diagnostics.sortBySource();
        return diagnostics;
    }

    /**
     * The model when its parameter count and FLOPs fit in 64 bits, else null with an error where the total
     * overflows (each layer's own counts were checked where it was declared and called).
     */
    private static NetworkModel checkTotals(NetworkModel model, Diagnostics diagnostics) {
        if (model == null) {
            return null;
        }
        try {
            Checked.totals(model.root());
            return model;
        } catch (ArchError e) {
            diagnostics.report(e.diagnostic());
            return null;
        }
    }

    /** Accepts CLI spellings: {@code unetrpp-synapse} names the variant {@code unetrpp_synapse}. */
    public static String normalise(Program program, String name) {
        if (program.find(name) != null) {
            return name;
        }
        String underscored = name.replace('-', '_');
        return program.find(underscored) != null ? underscored : name;
    }

    /** Names of the networks and variants declared in the user's files. */
    public static List<String> networkNames(Program program) {
        List<String> names = new ArrayList<>();
        for (Decl d : program.buildables()) {
            names.add(d.name().name());
        }
        return names;
    }
}
