package org.voxarch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.diag.CompileException;
import org.voxarch.compiler.diag.Suggest;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;

/**
 * The members of an ablation study, picked from a spec's variants and grids and each elaborated on its own, so
 * that one broken member is reported with its diagnostics while the others go on. The base comes first.
 */
record AblationMembers(Path spec, Program program, List<Member> members) {

    /** One member: its elaborated network, or the diagnostics that stopped it. */
    record Member(String name, NetworkModel model, String diagnostics) {
        boolean broken() {
            return model == null;
        }
    }

    /**
     * @param grid     the grid whose members to take, or null
     * @param variants the variants to take (empty: every network, variant and grid member the file declares)
     * @param base     the member the others are compared with (default: the first network or variant the file
     *                 declares); added when missing
     * @param settings {@code --set} overrides, applied to every member
     */
    static AblationMembers select(Path spec, String grid, List<String> variants, String base,
            Map<String, String> settings) {
        Program program = Compiler.loadFiles(List.of(spec));
        List<String> names = new ArrayList<>();
        if (grid != null) {
            if (!(program.find(grid) instanceof Decl.Grid g)) {
                throw new UserError(spec + ": no grid '" + grid + "'" + hint(grid, grids(program)));
            }
            program.gridMembers(g).forEach(v -> names.add(v.name().name()));
        } else if (!variants.isEmpty()) {
            variants.forEach(v -> names.add(declared(program, spec, v)));
        } else {
            names.addAll(Compiler.networkNames(program));
        }
        List<String> declaredHere = Compiler.networkNames(program);
        if (declaredHere.isEmpty()) {
            throw new UserError(spec + " declares no network, variant or grid to compare");
        }
        String b = base != null ? declared(program, spec, base) : declaredHere.get(0);
        names.remove(b);
        names.add(0, b);
        List<Member> members = new ArrayList<>();
        for (String name : names.stream().distinct().toList()) {
            try {
                members.add(new Member(name, Compiler.elaborate(program, name, settings), null));
            } catch (CompileException e) {
                members.add(new Member(name, null, e.diagnostics().format()));
            }
        }
        return new AblationMembers(spec, program, members);
    }

    Member base() {
        return members.get(0);
    }

    List<Member> working() {
        return members.stream().filter(m -> !m.broken()).toList();
    }

    /** Prints each broken member's diagnostics to stderr; returns how many there were. */
    int reportBroken() {
        int broken = 0;
        for (Member m : members) {
            if (m.broken()) {
                broken++;
                System.err.println("member " + m.name() + " is broken; the others go on:");
                System.err.print(m.diagnostics());
            }
        }
        return broken;
    }

    private static String declared(Program program, Path spec, String name) {
        String normalised = Compiler.normalise(program, name);
        if (program.find(normalised) == null || program.find(normalised) instanceof Decl.Grid) {
            List<String> known = Compiler.networkNames(program);
            throw new UserError(spec + ": no network or variant '" + name + "'" + hint(name, known)
                    + (program.find(normalised) instanceof Decl.Grid ? " ('" + name + "' is a grid: --grid "
                    + name + ")" : ""));
        }
        return normalised;
    }

    private static List<String> grids(Program program) {
        List<String> out = new ArrayList<>();
        program.roots().forEach(f -> f.decls().stream().filter(d -> d instanceof Decl.Grid)
                .forEach(d -> out.add(d.name().name())));
        return out;
    }

    private static String hint(String name, List<String> known) {
        String close = Suggest.closest(name, known);
        return close != null ? "; did you mean '" + close + "'?" : known.isEmpty() ? "" : "; it has "
                + String.join(", ", known);
    }
}
