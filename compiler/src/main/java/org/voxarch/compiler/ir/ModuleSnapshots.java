package org.voxarch.compiler.ir;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;

/**
 * Freezes an elaborated instance tree into {@link ModuleNode}s, each instance once (an alias shares the node of
 * the module it names), and remembers which node each instance became.
 */
final class ModuleSnapshots {
    private final Map<Instance, ModuleNode> nodes = new IdentityHashMap<>();

    ModuleNode of(Instance instance) {
        ModuleNode done = nodes.get(instance);
        if (done != null) {
            return done;
        }
        List<ModuleNode.Entry> entries = new ArrayList<>();
        for (Instance.Entry e : instance.entries()) {
            entries.add(new ModuleNode.Entry(e.name(), of(e.child()), e.alias()));
        }
        Map<String, Constant> args = new LinkedHashMap<>();
        for (Map.Entry<String, Value> a : instance.args().entrySet()) {
            args.put(a.getKey(), Constants.of(a.getValue()));
        }
        long[] shape = instance.tensorShape();
        ModuleNode node = new ModuleNode(ModuleNode.Kind.valueOf(instance.kind().name()), instance.typeName(),
                instance.kindLabel(), instance.name(), instance.path(), instance.createdAt(), args,
                instance.argOrigins(), entries, shape == null ? null : Shape.of(shape), instance.dtype(),
                instance.output() == null ? null : Constants.of(instance.output()), instance.ownFlops(),
                instance.totalFlops(), instance.totalActivations(), instance.parameterCount(),
                instance.statementShapes(), instance.replacedType(),
                instance.replacement() == null ? null : Render.expr(instance.replacement().value()));
        nodes.put(instance, node);
        return node;
    }

    /** The node an instance became, or null when it was not snapshotted. */
    ModuleNode node(Instance instance) {
        return nodes.get(instance);
    }
}
