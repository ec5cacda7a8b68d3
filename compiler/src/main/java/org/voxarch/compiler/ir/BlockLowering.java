package org.voxarch.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.ForwardStmt;
import org.voxarch.compiler.ast.Ident;
import org.voxarch.compiler.ast.Render;

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
            boolean size = p.type() != null && p.type().name().equals("size") && p.type().listDepth() == 0;
            List<String> reads = new ArrayList<>();
            if (p.defaultValue() != null) {
                List<String> used = new ArrayList<>();
                Render.names(p.defaultValue(), used);
                params.forEach(q -> {
                    if (used.contains(q.name())) {
                        reads.add(q.name());
                    }
                });
            }
            params.add(new BlockIr.Param(p.span(), p.name().name(), type, p.type() != null, size, defaultValue,
                    p.defaultValue() == null ? null : Render.expr(p.defaultValue()), reads));
            names.put(p.name().name(), type, Expr.Binding.PARAMETER);
        }
        List<BlockIr.BodyStmt> body = body(block.body(), names);
        Forward forward = block.forward() == null ? null : forward(block.forward(), names);
        return new BlockIr(block.name().name(), block.network(), block.span(), block.doc(), params, body, forward,
                instances);
    }

    private static Type declared(Decl.TypeRef type) {
        return Type.declared(type.name(), type.listDepth());
    }

    private List<BlockIr.BodyStmt> body(List<BodyStmt> body, Names names) {
        List<BlockIr.BodyStmt> out = new ArrayList<>();
        for (BodyStmt s : body) {
            if (s instanceof BodyStmt.Let let) {
                Expr value = exprs.lower(let.value(), names);
                names.put(let.name().name(), value.type(), Expr.Binding.CONSTANT);
                out.add(new BlockIr.Let(let.span(), let.name().name(), value.type(), value));
            } else if (s instanceof BodyStmt.Child child) {
                String name = child.name().name();
                Expr value = exprs.lower(child.value(), names);
                Type type = exprs.moduleTypes().of(value, names);
                Resolver.Resolved before = names.get(name);
                if (before != null && before.binding() == Expr.Binding.CHILD && type.isModule()) {
                    // A child declared in both branches of an if: what both have in common.
                    type = exprs.moduleTypes().common(before.type(), type);
                }
                names.put(name, type, Expr.Binding.CHILD);
                out.add(new BlockIr.Child(child.span(), name, type, value));
            } else if (s instanceof BodyStmt.If branch) {
                Expr condition = exprs.lower(branch.condition(), names);
                out.add(new BlockIr.If(branch.span(), condition, body(branch.then(), names),
                        body(branch.otherwise(), names)));
            } else if (s instanceof BodyStmt.Require r) {
                out.add(new BlockIr.Require(r.span(), exprs.lower(r.condition(), names), r.message(),
                        Render.expr(r.condition())));
            } else if (s instanceof BodyStmt.InitRule rule) {
                List<BlockIr.InitField> fields = new ArrayList<>();
                for (BodyStmt.InitField f : rule.fields()) {
                    fields.add(new BlockIr.InitField(f.span(), f.name().name(), exprs.lower(f.value(), names)));
                }
                out.add(new BlockIr.InitRule(rule.span(), rule.type().name(), fields));
            }
            // A network's inputs are metadata (its declared input shapes), not construction steps.
        }
        return out;
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
