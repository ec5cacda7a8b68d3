package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.diag.Suggest;
import org.voxarch.compiler.model.Instance;

/** Overrides that change nothing because the network never builds the block they set: mistakes, not no-ops. */
final class UnusedOverrides {
    private UnusedOverrides() {
    }

    /**
     * An error for each block-wide override ({@code Block.param = v}, or a grid axis on one) of a block that the
     * tree has no instance of, at the override's target, with the blocks the network does build.
     */
    static List<Diagnostic> blockWide(Instance root, Set<String> overriddenBlocks, Map<String, Span> targets) {
        Set<String> built = new TreeSet<>();
        collect(root, built);
        List<Diagnostic> out = new ArrayList<>();
        for (var e : targets.entrySet()) {
            String block = e.getKey().substring(0, e.getKey().indexOf('.'));
            if (e.getKey().indexOf('.') == e.getKey().lastIndexOf('.') && overriddenBlocks.contains(block)
                    && !built.contains(block)) {
                String close = Suggest.hint(block, built);
                out.add(Diagnostic.error(e.getValue(), "the network has no " + block + ", so '"
                        + e.getKey() + "' sets nothing")
                        .withHelp(close != null ? close : built.isEmpty() ? "the network builds no blocks"
                                : "the blocks it builds are " + String.join(", ", built)));
            }
        }
        return out;
    }

    private static void collect(Instance inst, Set<String> out) {
        if (inst.kind() == Instance.Kind.BLOCK) {
            out.add(inst.typeName());
        }
        for (Instance.Entry e : inst.entries()) {
            if (!e.alias()) {
                collect(e.child(), out);
            }
        }
    }
}
