package org.voxarch.compiler.eval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.Ident;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.builtins.SizeLimits;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;


/**
 * Runs block bodies: constants, children (new instances attached under their name, or aliases of earlier ones),
 * conditions, requirements, init rules and a network's inputs. Keeps each instance's body scope for its forward.
 */
final class BodyRunner {
    private final Evaluator evaluator;
    private final Replacements replacements;
    private final ChildReplacer replacer;
    private final VariantOverrides overrides;
    private final SettingBlame blame;
    private final Requirements requirements;
    private final ElaborationLog log;
    private final Set<Span> reached;
    private final Deque<String> realizing = new ArrayDeque<>();
    private final Map<Instance, Env> bodyEnvs = new java.util.IdentityHashMap<>();
    /** Instances with a failed {@code require}: the rest of their body and their forward are not checked. */
    private final Set<Instance> unmet = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    BodyRunner(Evaluator evaluator, Replacements replacements, ChildReplacer replacer, VariantOverrides overrides,
            SettingBlame blame, Requirements requirements, ElaborationLog log, Set<Span> reached) {
        this.evaluator = evaluator;
        this.replacements = replacements;
        this.replacer = replacer;
        this.overrides = overrides;
        this.blame = blame;
        this.requirements = requirements;
        this.log = log;
        this.reached = reached;
    }

    /** The scope an instance's body left, in which its forward runs. */
    Env bodyEnv(Instance inst) {
        return bodyEnvs.get(inst);
    }

    /** Whether a requirement of the instance failed. */
    boolean unmet(Instance inst) {
        return unmet.contains(inst);
    }

    /** Realises an attached instance: runs block bodies (recursively), attaches container items. */
    void realize(Instance inst) {
        if (inst.realized()) {
            return;
        }
        inst.markRealized();
        switch (inst.kind()) {
            case BLOCK -> {
                overrides.applyByPath(inst, log::report, log::warn);
                String blockName = inst.decl().name().name();
                if (realizing.contains(blockName)) {
                    List<String> chain = new ArrayList<>(realizing);
                    java.util.Collections.reverse(chain);
                    chain.add(blockName);
                    throw new ArchError(inst.createdAt(), "block " + blockName + " contains itself: "
                            + String.join(" → ", chain.subList(chain.indexOf(blockName), chain.size())));
                }
                if (realizing.size() >= SizeLimits.MAX_BLOCK_DEPTH) {
                    throw new ArchError(inst.createdAt(), "blocks nested more than " + SizeLimits.MAX_BLOCK_DEPTH
                            + " levels deep (" + realizing.peekLast() + " → ... → " + realizing.peek() + " → "
                            + blockName + "); that is the compiler's limit on block nesting");
                }
                realizing.push(blockName);
                try {
                    runBody(inst, inst.decl(), null);
                } finally {
                    realizing.pop();
                }
            }
            case SEQUENTIAL, MODULE_LIST -> {
                for (Instance.Entry e : inst.entries()) {
                    realize(e.child());
                }
            }
            default -> {
            }
        }
    }

    Env runBody(Instance inst, Decl.Block decl, Map<String, Shape> inputs) {
        Env env = new Env(null);
        inst.args().forEach((k, v) -> env.define(k, v, Env.Kind.PARAM));
        execBody(decl.body(), inst, env, inputs);
        bodyEnvs.put(inst, env);
        return env;
    }

    private void execBody(List<BodyStmt> body, Instance inst, Env env, Map<String, Shape> inputs) {
        for (BodyStmt s : body) {
            if (unmet.contains(inst)) {
                // What follows a failed requirement relies on it; its errors would be consequences.
                return;
            }
            reached.add(s.span());
            try {
                execBodyStmt(s, inst, env, inputs);
            } catch (ArchError e) {
                Span setting = blame.behind(SettingBlame.expressionOf(s), env, inst);
                if (setting == null || blame.firstBlame(setting)) {
                    log.report(log.withContext(ElaborationLog.atSetting(e.diagnostic(), setting), inst));
                }
                poison(s, env, inputs);
            } catch (ArchError.Poisoned p) {
                poison(s, env, inputs);
            }
        }
    }

    private static void poison(BodyStmt s, Env env, Map<String, Shape> inputs) {
        if (s instanceof BodyStmt.Input in && inputs != null) {
            inputs.put(in.name().name(), null);
        } else if (s instanceof BodyStmt.Let l) {
            env.define(l.name().name(), Value.ERROR, Env.Kind.LET);
        } else if (s instanceof BodyStmt.Child c) {
            env.define(c.name().name(), Value.ERROR, Env.Kind.CHILD);
        } else if (s instanceof BodyStmt.If i) {
            // A condition that failed decided nothing: what either branch declares is unknown, not missing.
            for (BodyStmt inner : i.then()) {
                poison(inner, env, inputs);
            }
            for (BodyStmt inner : i.otherwise()) {
                poison(inner, env, inputs);
            }
        }
    }

    private void execBodyStmt(BodyStmt s, Instance inst, Env env, Map<String, Shape> inputs) {
        if (s instanceof BodyStmt.Let l) {
            checkFresh(l.name(), inst, env);
            blame.let(inst, l.name().name(), l.value(), env);
            Value v = evaluator.eval(l.value(), env, inst);
            EnumNames.requireSettled(v, l.value().span());
            if (v instanceof Value.Module) {
                throw new ArchError(l.value().span(), "'" + l.name().name() + "' is a module; declare it as a"
                        + " child without 'let'").withHelp("write: " + l.name().name() + " = ...");
            }
            env.define(l.name().name(), v, Env.Kind.LET);
        } else if (s instanceof BodyStmt.Child c) {
            declareChild(c, inst, env);
        } else if (s instanceof BodyStmt.If i) {
            boolean cond = evaluator.condition(i.condition(), env, inst);
            execBody(cond ? i.then() : i.otherwise(), inst, env, inputs);
        } else if (s instanceof BodyStmt.Require r) {
            if (!requirements.met(r, inst, env)) {
                unmet.add(inst);
            }
        } else if (s instanceof BodyStmt.InitRule rule) {
            evaluator.checkInitRule(rule, env, inst);
        } else if (s instanceof BodyStmt.Input in) {
            if (inputs == null) {
                throw new ArchError(in.span(), "only a network declares inputs; a block receives them in forward");
            }
            Value v = evaluator.eval(in.shape(), env, inst);
            Shape shape = evaluator.shapeOf(v, in.shape().span());
            for (int i = 1; i < shape.rank(); i++) {
                if (shape.dim(i) == Shape.BATCH) {
                    throw new ArchError(in.shape().span(), "the batch dimension B must come first, got " + shape);
                }
            }
            inputs.put(in.name().name(), shape);
        }
    }

    private void checkFresh(Ident name, Instance inst, Env env) {
        Env.Binding previous = env.lookup(name.name());
        if (previous != null && previous.value() != Value.ERROR) {
            String what = switch (previous.kind()) {
                case PARAM -> "a parameter";
                case CHILD -> "a child";
                default -> "a constant";
            };
            throw new ArchError(name.span(), "'" + name.name() + "' is already " + what + " of "
                    + (inst.decl() == null ? "this block" : inst.decl().name().name()))
                    .withHelp("names in a block must be unique; they become weight names");
        }
    }

    private void declareChild(BodyStmt.Child c, Instance inst, Env env) {
        checkFresh(c.name(), inst, env);
        List<String> relative = List.of(c.name().name());
        Decl.Replacement replacement = replacements.find(inst, relative);
        Value v = replacement == null ? evaluator.eval(c.value(), env, inst)
                : replacer.build(replacement, inst, relative, env, replacements.of(c.value()), typeOf(c.value()));
        if (v instanceof Value.ListOf l && !l.items().isEmpty() && l.items().get(0) instanceof Value.Module) {
            throw new ArchError(c.value().span(), "a list of modules must be wrapped to be registered")
                    .withHelp("write ModuleList([...]) for indexed children, or Sequential([...]) to chain them");
        }
        if (!(v instanceof Value.Module m)) {
            throw notAModule(c, v.describe());
        }
        Instance child = m.instance();
        if (child.isAttached() || child.kind() == Instance.Kind.NETWORK) {
            if (child.parent() != inst) {
                throw new ArchError(c.value().span(), "an alias must name a child of this block");
            }
            inst.attach(c.name().name(), child, true);
        } else {
            replacer.replaceItems(child, inst, relative, env);
            inst.attach(c.name().name(), child, false);
            realize(child);
        }
        env.define(c.name().name(), v, Env.Kind.CHILD);
    }

    /** A child declared with a value that is not a module ({@code described} as messages show values). */
    static ArchError notAModule(BodyStmt.Child c, String described) {
        return new ArchError(c.name().span(), "'" + c.name().name() + "' is " + described
                + ", not a module or parameter").withHelp("declare constants with: let " + c.name().name() + " = ...");
    }

    /** The type a child expression builds, as messages name it: {@code EPA}, or the expression itself. */
    private static String typeOf(Expr e) {
        return e instanceof Expr.Call call && call.callee() instanceof Expr.Name n ? n.name() : Render.expr(e);
    }

}
