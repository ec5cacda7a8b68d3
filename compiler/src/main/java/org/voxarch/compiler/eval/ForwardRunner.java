package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.ForwardStmt;
import org.voxarch.compiler.ast.Ident;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Value;


/**
 * Runs forwards on shapes: binds a block's inputs, executes its statements, records each statement's shape and the
 * block's output on the instance, and moves a library block's mistake with an input to the caller's argument.
 */
final class ForwardRunner {
    private final Evaluator evaluator;
    private final BodyRunner bodies;
    private final ElaborationLog log;
    private final Set<Span> reached;
    /** The file the network is declared in: the user's code, as opposed to the libraries it imports. */
    private SourceFile networkFile;

    ForwardRunner(Evaluator evaluator, BodyRunner bodies, ElaborationLog log, Set<Span> reached) {
        this.evaluator = evaluator;
        this.bodies = bodies;
        this.log = log;
        this.reached = reached;
    }

    void networkFile(SourceFile file) {
        networkFile = file;
    }


    /**
     * Runs a child block's forward (its body scope was kept when it was realised). {@code fromCall}: the inputs are
     * the arguments of a call in the caller's forward. When the block comes from a library (a file other than the
     * network's), a mistake that comes from one of those inputs as given (see {@link ArchError#input()}) is thrown
     * back to the caller, to be reported at the argument it passed: the library is taken to be right, its use
     * to be wrong.
     */
    Value callBlock(Instance inst, List<Value> args, Span callSpan, boolean fromCall) {
        return callBlock(inst, bodies.bodyEnv(inst), args, callSpan,
                fromCall && inst.decl().span().file() != networkFile);
    }

    /** Runs a block's forward for input values; records shapes and FLOPs on the instance. */
    Value callBlock(Instance inst, Env bodyEnv, List<Value> args, Span callSpan, boolean blameCaller) {
        Decl.Block decl = inst.decl();
        Decl.Forward fwd = decl.forward();
        if (fwd == null || bodies.unmet(inst)) {
            // Reported already: by the static checker (no forward) or as the failed requirement.
            throw new ArchError.Poisoned();
        }
        if (fwd.params().size() != args.size()) {
            throw new ArchError(callSpan, decl.name().name() + " forward takes " + fwd.params().size()
                    + " input(s) (" + String.join(", ", fwd.params().stream().map(Ident::name).toList())
                    + ") but is given " + args.size())
                    .withNote(decl.name().name() + "'s forward is declared at " + fwd.span().location());
        }
        Env env = new Env(bodyEnv);
        for (int i = 0; i < args.size(); i++) {
            env.define(fwd.params().get(i).name(), args.get(i), Env.Kind.INPUT);
        }
        boolean first = inst.output() == null;
        Value result = execForward(fwd.body(), inst, env, first, blameCaller);
        if (result == null) {
            // The static checker reports a forward that can end without a return.
            result = Value.ERROR;
        }
        inst.recordOutput(result);
        return result;
    }

    /** Executes statements; returns the returned value, or null when the statements fall through. */
    private Value execForward(List<ForwardStmt> body, Instance inst, Env env, boolean record, boolean blameCaller) {
        for (ForwardStmt s : body) {
            reached.add(s.span());
            try {
                if (s instanceof ForwardStmt.Assign a) {
                    Value v = evaluator.eval(a.value(), env, inst);
                    bindTargets(a, v, inst, env);
                    if (record) {
                        inst.statementShapes().put(a.span(), shapeText(v));
                    }
                } else if (s instanceof ForwardStmt.If i) {
                    Value r = execForward(evaluator.condition(i.condition(), env, inst) ? i.then() : i.otherwise(),
                            inst, env, record, blameCaller);
                    if (r != null) {
                        return r;
                    }
                } else if (s instanceof ForwardStmt.Return r) {
                    List<Value> values = new ArrayList<>();
                    for (Expr e : r.values()) {
                        Value v = evaluator.eval(e, env, inst);
                        if (!tensors(v)) {
                            throw new ArchError(e.span(), "forward returns " + v.describe()
                                    + "; a forward returns tensors");
                        }
                        values.add(v);
                    }
                    Value out = values.size() == 1 ? values.get(0) : new Value.Tuple(values);
                    if (record) {
                        inst.statementShapes().put(r.span(), shapeText(out));
                    }
                    return out;
                }
            } catch (ArchError e) {
                if (blameCaller && e.input() != null) {
                    throw e;
                }
                log.report(log.withContext(e.diagnostic(), inst));
                poisonTargets(s, env);
                if (s instanceof ForwardStmt.Return) {
                    return Value.ERROR;
                }
            } catch (ArchError.Poisoned p) {
                poisonTargets(s, env);
                if (s instanceof ForwardStmt.Return) {
                    return Value.ERROR;
                }
            }
        }
        return null;
    }

    /** Whether a returned value is tensors: one, several from a child, or an error already reported. */
    private static boolean tensors(Value v) {
        return v instanceof Value.Tensor || v instanceof Value.Error
                || v instanceof Value.Tuple t && t.items().stream().allMatch(ForwardRunner::tensors);
    }

    /** Describes where an error surfaced inside a block, for the note of an error moved to the caller. */
    static String surfacedIn(Instance inst, String input, Span at) {
        String where = inst.parent() == null ? inst.typeName() : inst.typeName() + " at '" + inst.path() + "'";
        return "this is input '" + input + "' of " + where + ", which fails with it at " + at.location();
    }

    private void bindTargets(ForwardStmt.Assign a, Value v, Instance inst, Env env) {
        List<Ident> targets = a.targets();
        for (Ident t : targets) {
            Env.Binding b = env.lookup(t.name());
            if (b != null && (b.kind() == Env.Kind.CHILD || b.kind() == Env.Kind.PARAM || b.kind() == Env.Kind.LET)) {
                throw new ArchError(t.span(), "cannot assign to '" + t.name() + "': it is a "
                        + b.kind().name().toLowerCase() + " of the block").withHelp("choose another local name");
            }
        }
        if (targets.size() == 1) {
            if (v instanceof Value.Tuple tuple) {
                throw new ArchError(a.value().span(), "this produces " + tuple.items().size()
                        + " outputs; name each one").withHelp("write: a, b = ...");
            }
            env.define(targets.get(0).name(), v, Env.Kind.LOCAL);
            return;
        }
        if (!(v instanceof Value.Tuple tuple) || tuple.items().size() != targets.size()) {
            int n = v instanceof Value.Tuple t ? t.items().size() : 1;
            throw new ArchError(a.value().span(), "cannot unpack " + n + " output(s) into " + targets.size()
                    + " names");
        }
        for (int i = 0; i < targets.size(); i++) {
            env.define(targets.get(i).name(), tuple.items().get(i), Env.Kind.LOCAL);
        }
    }

    private void poisonTargets(ForwardStmt s, Env env) {
        if (s instanceof ForwardStmt.Assign a) {
            for (Ident t : a.targets()) {
                env.define(t.name(), Value.ERROR, Env.Kind.LOCAL);
            }
        }
    }

    static String shapeText(Value v) {
        if (v instanceof Value.Tensor t) {
            return t.shape().toString();
        }
        if (v instanceof Value.Tuple t) {
            List<String> parts = new ArrayList<>();
            for (Value item : t.items()) {
                parts.add(shapeText(item));
            }
            return String.join(", ", parts);
        }
        return v.toString();
    }
}
