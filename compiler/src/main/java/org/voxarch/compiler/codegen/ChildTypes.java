package org.voxarch.compiler.codegen;

import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ir.Lowering;

/**
 * The Java type of a child: the IR's module type of its expression (its block or layer class, or what several have
 * in common), in the block's scope.
 */
final class ChildTypes {
    private final Lowering lowering;
    private final Scope scope;

    ChildTypes(Lowering lowering, Scope scope) {
        this.lowering = lowering;
        this.scope = scope;
    }

    /** Whether a block's forward returns several tensors. */
    static boolean returnsSeveral(Decl.Block b) {
        return Lowering.returnsSeveral(b);
    }

    /** Whether a block is a {@code Layer}: one input, one output. */
    static boolean isLayer(Decl.Block b) {
        return Lowering.isLayer(b);
    }

    /** The type of a child expression: a variant's replacement, as written. */
    JType of(Expr e) {
        return JType.of(lowering.moduleType(e, scope));
    }

    /** The type of a child expression of the block's IR. */
    JType of(org.voxarch.compiler.ir.Expr e) {
        return JType.of(lowering.moduleType(e, scope));
    }

    /** The type two module values have in common. */
    JType common(JType a, JType b) {
        return JType.of(lowering.common(a.ir(), b.ir()));
    }
}
