package org.voxarch.compiler.codegen;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;

/**
 * The block parameters the generated variants override ({@code with { EPA.heads = 2 }}, or by the path of one
 * instance, whose block the elaborated tree tells). Only these look their value up in the {@code BlockContext}.
 */
final class OverrideTargets {
    /** {@code Block.parameter} to the variants overriding it, block-wide or by path. */
    private final Map<String, TreeSet<String>> byParameter = new TreeMap<>();
    /** {@code Block.parameter} a variant fixes block-wide. */
    private final TreeSet<String> blockWide = new TreeSet<>();

    OverrideTargets(Program program, List<NetworkModel> models) {
        for (NetworkModel m : models) {
            if (m.variant() == null) {
                continue;
            }
            for (Decl.Override o : m.variant().overrides()) {
                List<String> target = o.target();
                String param = target.get(target.size() - 1);
                String block;
                if (target.size() == 2 && program.find(target.get(0)) instanceof Decl.Block) {
                    block = target.get(0);
                    blockWide.add(block + "." + param);
                } else {
                    block = at(m.root(), target.subList(0, target.size() - 1)).decl().name().name();
                }
                byParameter.computeIfAbsent(block + "." + param, k -> new TreeSet<>()).add(m.name());
            }
        }
    }

    /** The instance at a state-dict path (a variant's override target, which the elaborator checked). */
    static Instance at(Instance root, List<String> path) {
        Instance at = root;
        for (String part : path) {
            at = at.child(part);
        }
        return at;
    }

    /** The variants that override {@code block}'s {@code param} (empty when none does). */
    List<String> variantsOverriding(String block, String param) {
        return List.copyOf(byParameter.getOrDefault(block + "." + param, new TreeSet<>()));
    }

    /** Whether a variant fixes {@code block}'s {@code param} for every instance. */
    boolean blockWide(String block, String param) {
        return blockWide.contains(block + "." + param);
    }
}
