package org.voxarch.compiler.ir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/**
 * Builds the IR once, after resolution and elaboration: the resolved program's blocks lowered and typed, and each
 * elaborated network frozen. Nothing that reads the IR needs the AST or the elaborator's instance tree.
 */
public final class IrBuilder {
    private final Program program;
    private final BlockLowering blocks;
    private final ModuleSnapshots snapshots = new ModuleSnapshots();

    private IrBuilder(Program program) {
        this.program = program;
        this.blocks = new BlockLowering(new ExprLowering(program));
    }

    /** One network, frozen, with its forward lowered. */
    public static NetworkIr network(Program program, NetworkModel model) {
        return new IrBuilder(program).freeze(model);
    }

    /** Every block of the program with the instances {@code models} built of it, and the networks frozen. */
    public static ProgramIr program(Program program, List<NetworkModel> models) {
        IrBuilder builder = new IrBuilder(program);
        List<NetworkIr> networks = new ArrayList<>();
        for (NetworkModel m : models) {
            networks.add(builder.freeze(m));
        }
        Map<String, List<ModuleNode>> instances = new LinkedHashMap<>();
        for (NetworkModel m : models) {
            builder.collect(m.root(), m.network().name().name(), instances);
        }
        Map<String, BlockIr> lowered = new LinkedHashMap<>();
        for (Decl d : program.decls().values()) {
            if (d instanceof Decl.Block b) {
                List<ModuleNode> built = instances.getOrDefault(b.name().name(), List.of());
                lowered.put(b.name().name(), builder.blocks.lower(b, built));
            }
        }
        return new ProgramIr(lowered, networks);
    }

    private NetworkIr freeze(NetworkModel model) {
        ModuleNode root = snapshots.of(model.root());
        Map<String, Constant> parameters = constants(model.parameters());
        Map<String, Map<String, Constant>> blockOverrides = new LinkedHashMap<>();
        model.blockOverrides().forEach((block, values) -> blockOverrides.put(block, constants(values)));
        Map<String, String> pathOverrides = new LinkedHashMap<>();
        if (model.variant() != null) {
            for (Decl.Override o : model.variant().overrides()) {
                pathOverrides.putIfAbsent(String.join(".", o.target()), Render.expr(o.value()));
            }
        }
        Forward forward = blocks.lower(model.network(), List.of(root)).forward();
        return new NetworkIr(model.name(), parameters, blockOverrides, pathOverrides, root, forward,
                model.inputs(), model.outputs(), model.stateKeys());
    }

    private static Map<String, Constant> constants(Map<String, Value> values) {
        Map<String, Constant> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v == null ? null : Constants.of(v)));
        return out;
    }

    /** Each block instance's node under its block's name, in tree order; the root is its network block's. */
    private void collect(Instance instance, String rootBlock, Map<String, List<ModuleNode>> out) {
        String block = instance.parent() == null ? rootBlock
                : instance.kind() == Instance.Kind.BLOCK ? instance.typeName() : null;
        if (block != null) {
            out.computeIfAbsent(block, k -> new ArrayList<>()).add(snapshots.of(instance));
        }
        for (Instance.Entry e : instance.entries()) {
            if (!e.alias()) {
                collect(e.child(), null, out);
            }
        }
    }
}
