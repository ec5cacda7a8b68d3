package org.voxarch.compiler.ir;

import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.ForwardStmt;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.resolve.Program;

/**
 * The static type of a child: its block or layer, or, where branches or list items build different ones, what
 * they have in common ({@code Layer} when all are one-input layers, else {@code ArchModule}).
 */
final class ModuleTypes {
    private final Program program;

    ModuleTypes(Program program) {
        this.program = program;
    }

    /** Whether the block of that name returns several tensors. */
    boolean returnsSeveral(String blockName) {
        return program.find(blockName) instanceof Decl.Block b && returnsSeveral(b);
    }

    static boolean returnsSeveral(Decl.Block b) {
        return b.forward() != null && anyMultiReturn(b.forward().body());
    }

    /** Whether a block is a layer: one input, one output. */
    static boolean isLayer(Decl.Block b) {
        return b.forward() != null && b.forward().params().size() == 1 && !returnsSeveral(b);
    }

    private static boolean anyMultiReturn(java.util.List<ForwardStmt> body) {
        for (ForwardStmt s : body) {
            if (s instanceof ForwardStmt.Return r && r.values().size() > 1) {
                return true;
            }
            if (s instanceof ForwardStmt.If i && (anyMultiReturn(i.then()) || anyMultiReturn(i.otherwise()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The type of a child's (lowered) expression; {@code names} gives the types of earlier children, which an alias
     * or a branch takes.
     */
    Type of(org.voxarch.compiler.ir.Expr e, Resolver names) {
        if (e instanceof org.voxarch.compiler.ir.Expr.Conditional c) {
            return common(of(c.then(), names), of(c.otherwise(), names));
        }
        if (e instanceof org.voxarch.compiler.ir.Expr.Ref r) {
            Resolver.Resolved sym = names.lookup(r.name());
            return sym != null ? sym.type() : Type.module("ArchModule");
        }
        if (e instanceof org.voxarch.compiler.ir.Expr.Construct c) {
            if (c.typeName().equals("ModuleList")) {
                Type element = null;
                for (org.voxarch.compiler.ir.Expr.Arg a : c.args()) {
                    Type t = itemType(a.value(), names);
                    element = element == null ? t : common(element, t);
                }
                return Type.moduleList(element == null ? "ArchModule" : element.typeName());
            }
            return c.kind() == org.voxarch.compiler.ir.Expr.ConstructKind.TENSOR ? Type.TENSOR
                    : Type.module(c.typeName());
        }
        // A call of something else by name is typed by that name, as a module.
        if (e instanceof org.voxarch.compiler.ir.Expr.BuiltinCall c) {
            return Type.module(c.name());
        }
        if (e instanceof org.voxarch.compiler.ir.Expr.ModuleCall c
                && c.callee() instanceof org.voxarch.compiler.ir.Expr.Ref r) {
            return Type.module(r.name());
        }
        return Type.module("ArchModule");
    }

    private Type itemType(org.voxarch.compiler.ir.Expr e, Resolver names) {
        if (e instanceof org.voxarch.compiler.ir.Expr.ListLit l) {
            Type t = null;
            for (org.voxarch.compiler.ir.Expr.Item item : l.items()) {
                Type it = itemType(item.value(), names);
                t = t == null ? it : common(t, it);
            }
            return t == null ? Type.module("ArchModule") : t;
        }
        if (e instanceof org.voxarch.compiler.ir.Expr.Comprehension c) {
            return itemType(c.element(), names);
        }
        if (e instanceof org.voxarch.compiler.ir.Expr.Binary b && b.op().equals("+")) {
            return common(itemType(b.left(), names), itemType(b.right(), names));
        }
        return of(e, names);
    }

    /** The type two module values have in common. */
    Type common(Type a, Type b) {
        if (a.equals(b)) {
            return a;
        }
        return Type.module(isLayerType(a.typeName()) && isLayerType(b.typeName()) ? "Layer" : "ArchModule");
    }

    private boolean isLayerType(String name) {
        if (name == null) {
            return false;
        }
        if (name.equals("Sequential") || name.equals("Layer") || Primitives.isPrimitive(name)) {
            return true;
        }
        return program.find(name) instanceof Decl.Block b && isLayer(b);
    }
}
