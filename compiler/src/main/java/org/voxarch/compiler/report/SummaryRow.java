package org.voxarch.compiler.report;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ir.ModuleNode;

/**
 * One module of the summary table.
 *
 * @param path   the dotted module path, or the network name for the root
 * @param depth  0 for the root, 1 for its children, and so on
 * @param type   the block, layer or container type as written in the spec
 * @param output the output shape text, {@code "-"} if the module was never called
 * @param params parameters in the module's subtree, each tensor counted once
 * @param flops  FLOPs of one sample through the subtree, fvcore convention
 */
record SummaryRow(String path, int depth, String type, String output, long params, long flops) {

    /** The rows of a network's modules in registration order, down to {@code maxDepth} (the root is depth 0). */
    static List<SummaryRow> of(ModuleNode root, String networkName, int maxDepth) {
        List<SummaryRow> rows = new ArrayList<>();
        rows.add(row(root, networkName, 0));
        collect(root, 1, maxDepth, rows);
        return rows;
    }

    private static void collect(ModuleNode module, int depth, int maxDepth, List<SummaryRow> rows) {
        if (depth > maxDepth) {
            return;
        }
        for (ModuleNode.Entry e : module.entries()) {
            // Aliases are the same module under a second name; raw tensors are counted in their owner's row.
            if (e.alias() || e.child().isTensor()) {
                continue;
            }
            rows.add(row(e.child(), e.child().path(), depth));
            collect(e.child(), depth + 1, maxDepth, rows);
        }
    }

    private static SummaryRow row(ModuleNode module, String path, int depth) {
        return new SummaryRow(path, depth, module.typeName(), OutputText.of(module.output(), "; "),
                module.parameterCount(), module.totalFlops());
    }
}
