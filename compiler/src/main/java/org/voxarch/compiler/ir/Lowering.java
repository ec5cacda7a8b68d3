package org.voxarch.compiler.ir;

import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.resolve.Program;

/**
 * Lowers single expressions against a caller's scope, for the code generator's constructor side, which still walks
 * block bodies itself: the same resolution and type rules as {@link IrBuilder}'s, so generated code and the IR
 * agree on every type.
 */
public final class Lowering {
    private final ExprLowering exprs;

    public Lowering(Program program) {
        this.exprs = new ExprLowering(program);
    }

    public org.voxarch.compiler.ir.Expr expr(Expr e, Resolver scope) {
        return exprs.lower(e, new Names(scope));
    }

    /** {@code e} where a value of type {@code expected} is wanted (it settles a constant several enums declare). */
    public org.voxarch.compiler.ir.Expr expr(Expr e, Resolver scope, Type expected) {
        return exprs.lower(e, new Names(scope), expected);
    }

    /** The static type of a child's module expression (see {@link ModuleTypes}). */
    public Type moduleType(Expr e, Resolver scope) {
        return moduleType(expr(e, scope), scope);
    }

    /** The static type of a child's lowered module expression. */
    public Type moduleType(org.voxarch.compiler.ir.Expr e, Resolver scope) {
        return exprs.moduleTypes().of(e, scope);
    }

    /** Whether a block's forward returns several tensors. */
    public static boolean returnsSeveral(org.voxarch.compiler.ast.Decl.Block b) {
        return ModuleTypes.returnsSeveral(b);
    }

    /** Whether a block is a layer: one input, one output. */
    public static boolean isLayer(org.voxarch.compiler.ast.Decl.Block b) {
        return ModuleTypes.isLayer(b);
    }

    /** The type two module values have in common. */
    public Type common(Type a, Type b) {
        return exprs.moduleTypes().common(a, b);
    }
}
