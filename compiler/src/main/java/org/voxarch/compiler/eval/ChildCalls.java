package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.Ident;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.builtins.Checked;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.builtins.TensorOps;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;

/**
 * Calls of child modules in forward: layers by their shape rule, Sequentials item by item, blocks through their
 * forward. A mistake is completed with how the layer was declared, or moved to the argument that caused it.
 */
final class ChildCalls {
    private final Elaborator elaborator;
    /** Layers that rejected their input once: a later call of the same one is not a second error. */
    private final Set<Instance> rejected = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    ChildCalls(Elaborator elaborator) {
        this.elaborator = elaborator;
    }

    /** Calls the child {@code module} on {@code args} for the call {@code c}. */
    Value call(Instance module, List<Value> args, Expr.Call c, Env env) {
        if (rejected.contains(module)) {
            // This layer already rejected its input (perhaps under another name): one mistake, one error.
            throw new ArchError.Poisoned();
        }
        try {
            return callModule(module, args, c.span(), true);
        } catch (ArchError e) {
            throw explain(e, c, env, module);
        }
    }

    /**
     * Completes an error from calling a child. When a block's input caused it, the error moves to the argument
     * given for that input; when a layer rejected its input, the error says how the layer was declared.
     */
    private ArchError explain(ArchError e, Expr.Call c, Env env, Instance module) {
        if (e.input() != null && module.kind() == Instance.Kind.SEQUENTIAL && c.args().size() == 1) {
            // Thrown back by the first item, a block, for the input it was given: the Sequential's input.
            Expr arg = c.args().get(0).value();
            return e.movedTo(arg.span(), "this is the input of '" + Render.expr(c.callee()) + "', whose first"
                    + " module fails with it at " + e.diagnostic().span().location(), Evaluator.inputName(arg, env));
        }
        if (module.kind() == Instance.Kind.BLOCK) {
            List<Ident> inputs = module.decl().forward().params();
            for (int k = 0; k < inputs.size() && k < c.args().size(); k++) {
                if (inputs.get(k).name().equals(e.input())) {
                    Expr arg = c.args().get(k).value();
                    return e.movedTo(arg.span(), ForwardRunner.surfacedIn(module, e.input(), e.diagnostic().span()),
                            Evaluator.inputName(arg, env));
                }
            }
            return e;
        }
        rejected.add(module);
        ArchError described = e.withNote("'" + Render.expr(c.callee()) + "' is " + declaration(module)
                + ", declared at " + module.createdAt().location());
        String input = module.kind() == Instance.Kind.PRIMITIVE && c.args().size() == 1
                ? Evaluator.inputName(c.args().get(0).value(), env) : null;
        return input == null ? described : described.blaming(input);
    }

    /** {@code Linear(in = 64, out = 32, bias = true)}. */
    private static String declaration(Instance module) {
        if (module.kind() != Instance.Kind.PRIMITIVE) {
            return "a " + module.typeName();
        }
        List<String> args = new ArrayList<>();
        module.args().forEach((k, v) -> args.add(k + " = " + v));
        return module.typeName() + "(" + String.join(", ", args) + ")";
    }

    /** Counts the tensors a forward operation produces toward the training activation memory (see Instance). */
    static Value produced(Value v, Instance owner, Span at) {
        if (v instanceof Value.Tensor t) {
            owner.addActivations(Checked.numel(at, t.shape()));
        } else if (v instanceof Value.Tuple tuple) {
            tuple.items().forEach(item -> produced(item, owner, at));
        }
        return v;
    }

    /** Calls a module on values; {@code fromCall} as for {@link ForwardRunner#callBlock}. */
    Value callModule(Instance m, List<Value> args, Span at, boolean fromCall) {
        if (args.stream().anyMatch(a -> a instanceof Value.Error)) {
            // An input that already failed (e.g. the output of a block whose return failed).
            throw new ArchError.Poisoned();
        }
        switch (m.kind()) {
            case PRIMITIVE -> {
                if (args.size() != 1) {
                    throw new ArchError(at, m.typeName() + " takes one input, got " + args.size());
                }
                Shape out = Primitives.forward(m, TensorOps.asFloatTensor(args.get(0), at, m.typeName()), at);
                Value v = produced(new Value.Tensor(out), m, at);
                m.recordOutput(v);
                return v;
            }
            case SEQUENTIAL -> {
                Value v = args.size() == 1 ? args.get(0) : null;
                if (v == null) {
                    throw new ArchError(at, "a Sequential takes one input, got " + args.size());
                }
                // Only the first item receives the Sequential's input as given.
                boolean first = fromCall;
                for (Instance.Entry e : m.entries()) {
                    v = callModule(e.child(), List.of(v), at, first);
                    first = false;
                }
                m.recordOutput(v);
                return v;
            }
            case BLOCK -> {
                return elaborator.forwards().callBlock(m, args, at, fromCall);
            }
            case MODULE_LIST -> throw new ArchError(at, "a ModuleList is not callable; call one of its items,"
                    + " e.g. name[0](x)");
            default -> throw new ArchError(at, "a " + m.kindLabel() + " is not callable");
        }
    }
}
