package org.voxarch.compiler.ir;

import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
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

    /** The type of a child's expression, with {@code names} for aliases of earlier children. */
    Type of(Expr e, Names names) {
        if (e instanceof Expr.Conditional c) {
            return common(of(c.then(), names), of(c.otherwise(), names));
        }
        if (e instanceof Expr.Name n && names.get(n.name()) != null) {
            return names.get(n.name()).type();
        }
        if (e instanceof Expr.Call call && call.callee() instanceof Expr.Name n) {
            String fn = n.name();
            if (fn.equals("ModuleList")) {
                Type element = null;
                for (Expr.Arg a : call.args()) {
                    Type t = itemType(a.value(), names);
                    element = element == null ? t : common(element, t);
                }
                return Type.moduleList(element == null ? "ArchModule" : element.typeName());
            }
            if (fn.equals("param") || fn.equals("buffer")) {
                return Type.TENSOR;
            }
            return Type.module(fn);
        }
        return Type.module("ArchModule");
    }

    private Type itemType(Expr e, Names names) {
        if (e instanceof Expr.ListLit l) {
            Type t = null;
            for (Expr.ListItem item : l.items()) {
                Type it = itemType(item.value(), names);
                t = t == null ? it : common(t, it);
            }
            return t == null ? Type.module("ArchModule") : t;
        }
        if (e instanceof Expr.Comprehension c) {
            return itemType(c.element(), names);
        }
        if (e instanceof Expr.Binary b && b.op().equals("+")) {
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
