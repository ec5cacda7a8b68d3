package org.voxarch.compiler.ir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.StateKey;

/**
 * A network elaborated for concrete parameter values, frozen: what {@code summary}, {@code diff}, the DOT graph
 * and the key list read. Built once from the elaboration by {@link IrBuilder}.
 *
 * @param name           the network or variant name
 * @param parameters     the network's parameter values after variant arguments and command-line overrides
 * @param blockOverrides block-wide overrides of the variant: block name to parameter name to value
 * @param pathOverrides  the variant's overrides as written, by target ({@code decoder5.heads}), in order
 * @param root           the module tree
 * @param forward        the network's forward, resolved and typed, or null when it has none
 * @param inputs         the declared inputs and their shapes
 * @param outputs        the shapes of the forward's results
 * @param stateKeys      the state-dict entries in PyTorch's order
 */
public record NetworkIr(String name, Map<String, Constant> parameters,
        Map<String, Map<String, Constant>> blockOverrides, Map<String, String> pathOverrides, ModuleNode root,
        Forward forward, Map<String, Shape> inputs, List<Shape> outputs, List<StateKey> stateKeys) {

    public NetworkIr {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Map<String, Map<String, Constant>> overrides = new LinkedHashMap<>();
        blockOverrides.forEach((block, values) -> overrides.put(block,
                Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        blockOverrides = Collections.unmodifiableMap(overrides);
        pathOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(pathOverrides));
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = List.copyOf(outputs);
        stateKeys = List.copyOf(stateKeys);
    }

    public long parameterCount() {
        return root.parameterCount();
    }

    /** FLOPs of one sample, fvcore convention. */
    public long flops() {
        return root.totalFlops();
    }

    /** Training activation memory of one sample, float32: every tensor the forward produces. */
    public long trainingActivationBytes() {
        return root.totalActivations() * java.lang.Float.BYTES;
    }
}
