package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.resolve.Program;

/**
 * The block parameters some variant of the program overrides ({@code with { EPA.heads = 2 }} or by path). Only
 * these look their value up in the {@code BlockContext}; a path override names no block, so it makes every block
 * with a parameter of that name look it up.
 */
final class OverrideTargets {
    /** {@code Block.parameter} to the variants overriding it block-wide. */
    private final Map<String, TreeSet<String>> byBlock = new TreeMap<>();
    /** Parameter name to the variants overriding it by path. */
    private final Map<String, TreeSet<String>> byPath = new TreeMap<>();

    OverrideTargets(Program program) {
        for (Decl.Variant v : variants(program)) {
            for (Decl.Override o : v.overrides()) {
                List<String> target = o.target();
                String param = target.get(target.size() - 1);
                if (target.size() == 2 && program.find(target.get(0)) instanceof Decl.Block) {
                    byBlock.computeIfAbsent(target.get(0) + "." + param, k -> new TreeSet<>()).add(v.name().name());
                } else {
                    byPath.computeIfAbsent(param, k -> new TreeSet<>()).add(v.name().name());
                }
            }
        }
    }

    private static List<Decl.Variant> variants(Program program) {
        List<Decl.Variant> out = new ArrayList<>();
        for (Decl d : program.decls().values()) {
            if (d instanceof Decl.Variant v) {
                out.add(v);
            } else if (d instanceof Decl.Grid g) {
                out.addAll(program.gridMembers(g));
            }
        }
        return out;
    }

    /** The variants that may override {@code block}'s {@code param} (empty when none does). */
    List<String> variantsOverriding(String block, String param) {
        TreeSet<String> out = new TreeSet<>(byBlock.getOrDefault(block + "." + param, new TreeSet<>()));
        out.addAll(byPath.getOrDefault(param, new TreeSet<>()));
        return List.copyOf(out);
    }

    /** Whether a variant fixes {@code block}'s {@code param} for every instance. */
    boolean blockWide(String block, String param) {
        return byBlock.containsKey(block + "." + param);
    }
}
