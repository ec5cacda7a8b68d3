package org.voxarch.compiler.resolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.SpecFile;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.diag.Suggest;
import org.voxarch.compiler.parse.SpecParser;

/**
 * Every declaration visible from the files a user named, including their imports (each file loaded once).
 * Declarations keep the file they came from, so generated code and diagnostics can point back to it.
 */
public final class Program {
    private final Map<String, Decl> decls = new LinkedHashMap<>();
    private final Map<Decl.Grid, List<Decl.Variant>> gridMembers = new LinkedHashMap<>();
    /** The enums that declare each constant: several when enums share a constant name (EfMode.shared, QK.shared). */
    private final Map<String, List<Decl.Enum>> enumsOfConstant = new LinkedHashMap<>();
    private final List<SpecFile> files = new ArrayList<>();
    private final List<SpecFile> roots = new ArrayList<>();
    private final Map<String, SpecFile> loaded = new LinkedHashMap<>();
    private boolean complete = true;

    /** Loads files and their imports; problems go to {@code diagnostics}. */
    public static Program load(List<SourceFile> sources, Diagnostics diagnostics) {
        Program program = new Program();
        for (SourceFile source : sources) {
            SpecFile file = program.loadFile(source, diagnostics);
            if (file != null) {
                program.roots.add(file);
            }
        }
        return program;
    }

    private SpecFile loadFile(SourceFile source, Diagnostics diagnostics) {
        if (loaded.containsKey(source.displayPath())) {
            return loaded.get(source.displayPath());
        }
        SpecFile file = SpecParser.parse(source, diagnostics);
        loaded.put(source.displayPath(), file);
        if (file == null) {
            complete = false;
            return null;
        }
        for (SpecFile.Import imp : file.imports()) {
            SourceLoader.Located located = SourceLoader.locate(imp.path(), source);
            SourceFile target = located.source();
            if (located.problem() != null) {
                complete = false;
                diagnostics.report(Diagnostic.error(imp.span(), located.problem()));
            } else if (target == null) {
                complete = false;
                String close = Suggest.closest(imp.path(), SourceLoader.importable(source));
                diagnostics.report(Diagnostic.error(imp.span(), "cannot find imported file \"" + imp.path() + "\"")
                        .withHelp(close != null ? "did you mean \"" + close + "\"?"
                                : imp.path().startsWith("std/") ? "the standard library has std/layers.arch"
                                : "import paths are relative to the importing file"));
            } else {
                loadFile(target, diagnostics);
            }
        }
        files.add(file);
        for (Decl d : file.decls()) {
            declare(d, diagnostics);
            if (d instanceof Decl.Grid grid) {
                List<Decl.Variant> members = GridExpansion.expand(grid, diagnostics);
                gridMembers.put(grid, members);
                for (Decl.Variant member : members) {
                    declare(member, diagnostics);
                }
            }
        }
        return file;
    }

    private void declare(Decl d, Diagnostics diagnostics) {
        Decl previous = decls.putIfAbsent(d.name().name(), d);
        if (previous != null && previous != d) {
            diagnostics.report(Diagnostic.error(d.name().span(), "'" + d.name().name() + "' is already declared")
                    .withNote("first declared at " + previous.name().span().location()));
            return;
        }
        if (d instanceof Decl.Enum e) {
            for (var c : e.constants()) {
                List<Decl.Enum> enums = enumsOfConstant.computeIfAbsent(c.name(), k -> new ArrayList<>());
                if (enums.contains(e)) {
                    diagnostics.report(Diagnostic.error(c.span(), "enum " + e.name().name() + " declares '"
                            + c.name() + "' twice"));
                } else {
                    enums.add(e);
                }
            }
        }
    }

    /**
     * False when a file did not parse or an import was not found: declarations are then missing, and checking
     * what remains would report their uses as unknown names.
     */
    public boolean complete() {
        return complete;
    }

    public Decl find(String name) {
        return decls.get(name);
    }

    public Map<String, Decl> decls() {
        return decls;
    }

    /** The enum that declares a constant, or null when none does or several do (see {@link #enumsOfConstant}). */
    public Decl.Enum enumOfConstant(String constant) {
        List<Decl.Enum> enums = enumsOfConstant(constant);
        return enums.size() == 1 ? enums.get(0) : null;
    }

    /** Every enum that declares a constant of this name, in declaration order. */
    public List<Decl.Enum> enumsOfConstant(String constant) {
        return enumsOfConstant.getOrDefault(constant, List.of());
    }

    /** Every loaded file, imports first. */
    public List<SpecFile> files() {
        return files;
    }

    /** The files the user named (not their imports). */
    public List<SpecFile> roots() {
        return roots;
    }

    /** Networks and variants declared in the user's own files, in order; a grid stands for its members. */
    public List<Decl> buildables() {
        List<Decl> out = new ArrayList<>();
        for (SpecFile f : roots) {
            for (Decl d : f.decls()) {
                if (d instanceof Decl.Grid grid) {
                    out.addAll(gridMembers.getOrDefault(grid, List.of()));
                } else if (d instanceof Decl.Variant || (d instanceof Decl.Block b && b.network())) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** The variants a grid declaration expands to. */
    public List<Decl.Variant> gridMembers(Decl.Grid grid) {
        return gridMembers.getOrDefault(grid, List.of());
    }
}
