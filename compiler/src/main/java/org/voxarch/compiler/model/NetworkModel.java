package org.voxarch.compiler.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.ast.Decl;

/**
 * A network elaborated for concrete parameter values: its instance tree with every shape inferred, and the figures
 * tools report (parameters, FLOPs for one sample, state-dict keys).
 *
 * @param name       the network or variant name (what users pass to {@code --model})
 * @param network    the network declaration the tree is built from
 * @param variant    the variant declaration, or null for a plain network
 * @param parameters the network's parameter values after variant arguments and command-line overrides
 * @param blockOverrides block-wide overrides of the variant: block name to parameter name to value
 * @param root       the instance tree
 * @param inputs     the declared inputs and their shapes
 * @param outputs    the shapes of the forward's results
 */
public record NetworkModel(String name, Decl.Block network, Decl.Variant variant,
        LinkedHashMap<String, Value> parameters, Map<String, Map<String, Value>> blockOverrides, Instance root,
        LinkedHashMap<String, Shape> inputs, List<Shape> outputs) {

    public long parameterCount() {
        return root.parameterCount();
    }

    public long flops() {
        return root.totalFlops();
    }

    /** Training activation memory of one sample, float32: see {@link Instance#totalActivations()}. */
    public long trainingActivationBytes() {
        return root.totalActivations() * Float.BYTES;
    }

    public List<StateKey> stateKeys() {
        return StateKeys.of(root);
    }
}
