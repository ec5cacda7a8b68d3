package org.voxarch.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.ForwardStmt;
import org.voxarch.compiler.ast.Ident;

/**
 * Lowers one block declaration: parameters (declared type, else their default's), constants and children in
 * declaration order (a child declared in both branches of an {@code if} gets the type both have in common), and the
 * forward, whose names resolve against the block's and the forward's own.
 */
final class BlockLowering {
    private final ExprLowering exprs;

    BlockLowering(ExprLowering exprs) {
        this.exprs = exprs;
    }

    BlockIr lower(Decl.Block block, List<ModuleNode> instances) {
        Names names = new Names(null);
        List<BlockIr.Param> params = new ArrayList<>();
        for (Decl.Param p : block.params()) {
            Expr defaultValue = p.defaultValue() == null ? null : exprs.lower(p.defaultValue(), names,
                    p.type() == null ? Type.UNKNOWN : declared(p.type()));
            Type type = p.type() != null ? declared(p.type()) : defaultValue == null ? Type.UNKNOWN
                    : defaultValue.type();
            params.add(new BlockIr.Param(p.span(), p.name().name(), type, p.type() != null, defaultValue));
            names.put(p.name().name(), type, Expr.Binding.PARAMETER);
        }
        List<BlockIr.Member> members = new ArrayList<>();
        body(block.body(), names, false, members);
        Forward forward = block.forward() == null ? null : forward(block.forward(), names);
        return new BlockIr(block.name().name(), block.network(), block.span(), params, members, forward, instances);
    }

    private static Type declared(Decl.TypeRef type) {
        return Type.declared(type.name(), type.listDepth());
    }

    private void body(List<BodyStmt> body, Names names, boolean conditional, List<BlockIr.Member> out) {
        for (BodyStmt s : body) {
            if (s instanceof BodyStmt.Let let) {
                Expr value = exprs.lower(let.value(), names);
                names.put(let.name().name(), value.type(), Expr.Binding.CONSTANT);
                out.add(new BlockIr.Let(let.span(), let.name().name(), value.type(), value, conditional));
            } else if (s instanceof BodyStmt.Child child) {
                String name = child.name().name();
                Type type = exprs.moduleTypes().of(child.value(), names);
                Resolver.Resolved before = names.get(name);
                if (before != null && before.binding() == Expr.Binding.CHILD && type.isModule()) {
                    type = before.type().equals(type) ? type : exprs.moduleTypes().common(before.type(), type);
                }
                Expr value = exprs.lower(child.value(), names);
                names.put(name, type, Expr.Binding.CHILD);
                out.add(new BlockIr.Child(child.span(), name, type, value, conditional));
            } else if (s instanceof BodyStmt.If branch) {
                body(branch.then(), names, true, out);
                body(branch.otherwise(), names, true, out);
            }
            // require, init rules and inputs are checked and applied by elaboration; they have no IR form yet.
        }
    }

    private Forward forward(Decl.Forward forward, Names blockNames) {
        Names names = new Names(blockNames);
        List<String> params = new ArrayList<>();
        for (Ident p : forward.params()) {
            params.add(p.name());
            names.put(p.name(), Type.TENSOR, Expr.Binding.LOCAL);
        }
        if (!params.isEmpty() && !names.has("B")) {
            names.put("B", Type.INT, Expr.Binding.BATCH);
        }
        List<Stmt> body = statements(forward.body(), names);
        boolean[] batch = {false};
        Stmts.forEach(body, s -> batch[0] |= readsBatch(s));
        return new Forward(forward.span(), params, body, batch[0]);
    }

    private List<Stmt> statements(List<ForwardStmt> body, Names names) {
        List<Stmt> out = new ArrayList<>();
        for (ForwardStmt s : body) {
            if (s instanceof ForwardStmt.Assign a) {
                Expr value = exprs.lower(a.value(), names);
                List<String> targets = a.targets().stream().map(Ident::name).toList();
                targets.forEach(t -> names.put(t, Type.TENSOR, Expr.Binding.LOCAL));
                out.add(new Stmt.Assign(a.span(), targets, value));
            } else if (s instanceof ForwardStmt.If i) {
                Expr condition = exprs.lower(i.condition(), names);
                List<Stmt> then = statements(i.then(), names);
                List<Stmt> otherwise = statements(i.otherwise(), names);
                out.add(new Stmt.If(i.span(), condition, then, otherwise));
            } else if (s instanceof ForwardStmt.Return r) {
                out.add(new Stmt.Return(r.span(), r.values().stream().map(v -> exprs.lower(v, names)).toList()));
            }
        }
        return out;
    }

    private static boolean readsBatch(Stmt s) {
        List<Expr> roots = new ArrayList<>();
        if (s instanceof Stmt.Assign a) {
            roots.add(a.value());
        } else if (s instanceof Stmt.If i) {
            roots.add(i.condition());
        } else if (s instanceof Stmt.Return r) {
            roots.addAll(r.values());
        }
        for (Expr e : roots) {
            if (Exprs.anyMatch(e, x -> x instanceof Expr.Ref ref && ref.binding() == Expr.Binding.BATCH)) {
                return true;
            }
        }
        return false;
    }
}
