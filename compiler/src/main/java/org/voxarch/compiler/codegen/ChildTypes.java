package org.voxarch.compiler.codegen;

import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.ForwardStmt;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.resolve.Program;

/**
 * The Java type of a child: its block or layer class, or, where instances or branches build different classes,
 * what they have in common ({@code Layer} when all are one-input layers, else {@code ArchModule}).
 */
final class ChildTypes {
    private final Program program;
    private final Scope scope;

    ChildTypes(Program program, Scope scope) {
        this.program = program;
        this.scope = scope;
    }

    /** Whether a block's forward returns several tensors. */
    static boolean returnsSeveral(Decl.Block b) {
        return b.forward() != null && anyMultiReturn(b.forward().body());
    }

    /** Whether a block is a {@code Layer}: one input, one output. */
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

    /** The type of a child expression. */
    JType of(Expr e) {
        if (e instanceof Expr.Conditional c) {
            return common(of(c.then()), of(c.otherwise()));
        }
        if (e instanceof Expr.Name n && scope.get(n.name()) != null) {
            return scope.get(n.name()).type();
        }
        if (e instanceof Expr.Call call && call.callee() instanceof Expr.Name n) {
            String fn = n.name();
            if (fn.equals("ModuleList")) {
                JType element = null;
                for (Expr.Arg a : call.args()) {
                    JType t = itemType(a.value());
                    element = element == null ? t : common(element, t);
                }
                return JType.moduleList(element == null ? "ArchModule" : element.name());
            }
            if (fn.equals("param") || fn.equals("buffer")) {
                return JType.TENSOR;
            }
            return JType.module(fn);
        }
        return JType.module("ArchModule");
    }

    private JType itemType(Expr e) {
        if (e instanceof Expr.ListLit l) {
            JType t = null;
            for (Expr.ListItem item : l.items()) {
                JType it = itemType(item.value());
                t = t == null ? it : common(t, it);
            }
            return t == null ? JType.module("ArchModule") : t;
        }
        if (e instanceof Expr.Comprehension c) {
            return itemType(c.element());
        }
        if (e instanceof Expr.Binary b && b.op().equals("+")) {
            return common(itemType(b.left()), itemType(b.right()));
        }
        return of(e);
    }

    /** The type two module values have in common. */
    JType common(JType a, JType b) {
        if (a.equals(b)) {
            return a;
        }
        return JType.module(isLayerClass(a.name()) && isLayerClass(b.name()) ? "Layer" : "ArchModule");
    }

    private boolean isLayerClass(String javaClass) {
        if (javaClass == null) {
            return false;
        }
        if (javaClass.equals("Sequential") || javaClass.equals("Layer") || Primitives.isPrimitive(javaClass)) {
            return true;
        }
        return program.find(javaClass) instanceof Decl.Block b && isLayer(b);
    }
}
