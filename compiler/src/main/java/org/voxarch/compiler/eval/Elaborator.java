package org.voxarch.compiler.eval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.ForwardStmt;
import org.voxarch.compiler.ast.Ident;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;

/**
 * Builds a network's instance tree for concrete parameter values and infers every shape of its forward pass.
 * Mistakes become diagnostics; evaluation continues with poisoned values so that independent mistakes are all
 * reported and a consequence is never reported as a second error.
 */
public final class Elaborator {
    /** An override value and where it was written. */
    public record Setting(Value value, Span origin) {}

    private final Program program;
    private final Diagnostics diagnostics;
    private final Evaluator evaluator;
    private final Map<String, Map<String, Setting>> blockOverrides = new LinkedHashMap<>();
    private final Map<String, Map<String, Setting>> pathOverrides = new LinkedHashMap<>();
    private final Set<String> usedPathOverrides = new HashSet<>();
    private final Deque<String> realizing = new ArrayDeque<>();
    private final Map<Instance, Env> bodyEnvs = new java.util.IdentityHashMap<>();

    public Elaborator(Program program, Diagnostics diagnostics) {
        this.program = program;
        this.diagnostics = diagnostics;
        this.evaluator = new Evaluator(program, this);
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * Elaborates a network or variant by name. {@code settings} are command-line {@code --set} values (already
     * parsed), applied last. Returns null when the name is unknown or the network has errors.
     */
    public NetworkModel elaborate(String name, Map<String, Setting> settings) {
        Decl decl = program.find(name);
        if (decl == null) {
            diagnostics.report(Diagnostic.error(Span.synthetic("<command line>"), "no network named '" + name + "'")
                    .withHelp(Suggest.hint(name, networkNames())));
            return null;
        }
        Decl.Variant variant = null;
        Decl.Block network;
        if (decl instanceof Decl.Variant v) {
            variant = v;
            Decl base = program.find(v.base().name());
            if (!(base instanceof Decl.Block b) || !b.network()) {
                diagnostics.report(Diagnostic.error(v.base().span(), base == null
                        ? "unknown network '" + v.base().name() + "'"
                        : "'" + v.base().name() + "' is not a network; a variant is based on a network")
                        .withHelp(Suggest.hint(v.base().name(), networkNames())));
                return null;
            }
            network = b;
        } else if (decl instanceof Decl.Block b && b.network()) {
            network = b;
        } else {
            diagnostics.report(Diagnostic.error(decl.name().span(), "'" + name + "' is not a network or variant"));
            return null;
        }
        int errorsBefore = diagnostics.count();
        if (variant != null) {
            collectOverrides(variant);
        }
        Instance root = new Instance(Instance.Kind.NETWORK, network.name().name(), network.span(), network);
        root.makeRoot(name);
        Env global = new Env(null);
        List<Expr.Arg> args = variant == null ? List.of() : variant.args();
        bindArguments(root, network, args, settings, global, network.name().span());
        if (diagnostics.count() > errorsBefore) {
            return null;
        }
        LinkedHashMap<String, org.voxarch.compiler.eval.Shape> inputs = new LinkedHashMap<>();
        Env env = runBody(root, network, inputs);
        List<Shape> outputs = new ArrayList<>();
        if (diagnostics.count() == errorsBefore) {
            if (inputs.isEmpty()) {
                diagnostics.report(Diagnostic.error(network.name().span(), "network '" + network.name().name()
                        + "' declares no input").withHelp("add a line such as: input x: [B, in_channels, *patch]"));
            } else if (network.forward() == null) {
                diagnostics.report(Diagnostic.error(network.name().span(), "network '" + network.name().name()
                        + "' has no forward"));
            } else {
                List<Value> in = new ArrayList<>();
                for (Shape s : inputs.values()) {
                    in.add(new Value.Tensor(s));
                }
                evaluator.enterForward();
                Value out = callBlock(root, env, in, network.forward().span());
                if (out instanceof Value.Tuple t) {
                    for (Value v : t.items()) {
                        if (v instanceof Value.Tensor tensor) {
                            outputs.add(tensor.shape());
                        }
                    }
                } else if (out instanceof Value.Tensor t) {
                    outputs.add(t.shape());
                }
            }
        }
        reportUnusedPathOverrides();
        if (diagnostics.count() > errorsBefore) {
            return null;
        }
        LinkedHashMap<String, Value> parameters = new LinkedHashMap<>(root.args());
        Map<String, Map<String, Value>> overrides = new LinkedHashMap<>();
        blockOverrides.forEach((block, m) -> {
            Map<String, Value> values = new LinkedHashMap<>();
            m.forEach((k, s) -> values.put(k, s.value()));
            overrides.put(block, values);
        });
        return new NetworkModel(name, network, variant, parameters, overrides, root, inputs, outputs);
    }

    private Set<String> networkNames() {
        Set<String> names = new java.util.TreeSet<>();
        program.decls().forEach((n, d) -> {
            if (d instanceof Decl.Variant || (d instanceof Decl.Block b && b.network())) {
                names.add(n);
            }
        });
        return names;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Variants

    private void collectOverrides(Decl.Variant variant) {
        for (Decl.Override o : variant.overrides()) {
            List<String> target = o.target();
            Value value;
            try {
                value = evaluator.eval(o.value(), new Env(null), null);
            } catch (ArchError e) {
                diagnostics.report(e.diagnostic());
                continue;
            } catch (ArchError.Poisoned p) {
                continue;
            }
            if (target.size() < 2) {
                diagnostics.report(Diagnostic.error(o.span(), "an override names Block.parameter or path.parameter")
                        .withHelp("for a network parameter, pass it as an argument: " + variant.base().name()
                                + "(" + target.get(0) + " = ...)"));
                continue;
            }
            String param = target.get(target.size() - 1);
            Setting setting = new Setting(value, o.value().span());
            Decl blockDecl = target.size() == 2 ? program.find(target.get(0)) : null;
            if (blockDecl instanceof Decl.Block b && !b.network()) {
                if (b.params().stream().noneMatch(p -> p.name().name().equals(param))) {
                    diagnostics.report(Diagnostic.error(o.span(), "block " + b.name().name()
                            + " has no parameter '" + param + "'")
                            .withHelp(Suggest.hint(param, b.params().stream().map(p -> p.name().name()).toList())));
                    continue;
                }
                blockOverrides.computeIfAbsent(b.name().name(), k -> new LinkedHashMap<>()).put(param, setting);
            } else if (target.size() == 2 && Character.isUpperCase(target.get(0).charAt(0))
                    && blockDecl == null) {
                diagnostics.report(Diagnostic.error(o.span(), "unknown block '" + target.get(0) + "'")
                        .withHelp(Suggest.hint(target.get(0), program.decls().keySet())));
            } else {
                String path = String.join(".", target.subList(0, target.size() - 1));
                pathOverrides.computeIfAbsent(path, k -> new LinkedHashMap<>()).put(param, setting);
            }
        }
    }

    private void reportUnusedPathOverrides() {
        for (var e : pathOverrides.entrySet()) {
            if (!usedPathOverrides.contains(e.getKey())) {
                for (Setting s : e.getValue().values()) {
                    diagnostics.report(Diagnostic.error(s.origin(), "no block instance at path '" + e.getKey()
                            + "' to override").withHelp("paths are state-dict prefixes, e.g. decoder5.decoder_block.0.0"));
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Arguments

    /**
     * Binds call arguments to a block's parameters: positional, then named, then defaults; then overrides.
     * Every value is checked against the declared type.
     */
    void bindArguments(Instance inst, Decl.Block decl, List<Expr.Arg> args, Map<String, Setting> settings,
            Env callerEnv, Span callSpan) {
        Map<String, Decl.Param> byName = new LinkedHashMap<>();
        for (Decl.Param p : decl.params()) {
            byName.put(p.name().name(), p);
        }
        Map<String, Value> given = new LinkedHashMap<>();
        Map<String, Span> origins = new LinkedHashMap<>();
        boolean sawNamed = false;
        int position = 0;
        for (Expr.Arg a : args) {
            String pname;
            if (a.name() == null) {
                if (sawNamed) {
                    throw new ArchError(a.span(), "positional argument after a named one");
                }
                if (position >= decl.params().size()) {
                    throw new ArchError(a.span(), decl.name().name() + " takes " + decl.params().size()
                            + " parameters but this is argument " + (position + 1));
                }
                pname = decl.params().get(position++).name().name();
            } else {
                sawNamed = true;
                pname = a.name();
                if (!byName.containsKey(pname)) {
                    throw new ArchError(a.span(), decl.name().name() + " has no parameter '" + pname + "'")
                            .withHelp(Suggest.hint(pname, byName.keySet()));
                }
            }
            if (given.containsKey(pname)) {
                throw new ArchError(a.span(), "parameter '" + pname + "' is given twice");
            }
            given.put(pname, evaluator.eval(a.value(), callerEnv, null));
            origins.put(pname, a.value().span());
        }
        if (settings != null) {
            for (var s : settings.entrySet()) {
                if (!byName.containsKey(s.getKey())) {
                    diagnostics.report(Diagnostic.error(s.getValue().origin(), "network " + decl.name().name()
                            + " has no parameter '" + s.getKey() + "'")
                            .withHelp(Suggest.hint(s.getKey(), byName.keySet())));
                    continue;
                }
                given.put(s.getKey(), s.getValue().value());
                origins.put(s.getKey(), s.getValue().origin());
            }
        }
        Map<String, Setting> blockWide = blockOverrides.getOrDefault(decl.name().name(), Map.of());
        Env scope = new Env(null);
        for (Decl.Param p : decl.params()) {
            String pname = p.name().name();
            Value v;
            Span origin;
            if (blockWide.containsKey(pname)) {
                v = blockWide.get(pname).value();
                origin = blockWide.get(pname).origin();
            } else if (given.containsKey(pname)) {
                v = given.get(pname);
                origin = origins.get(pname);
            } else if (p.defaultValue() != null) {
                v = evaluator.eval(p.defaultValue(), scope, null);
                origin = p.defaultValue().span();
            } else {
                throw new ArchError(callSpan, decl.name().name() + " is missing parameter '" + pname + "'")
                        .withNote("declared at " + p.span().location());
            }
            v = Types.coerce(v, p.type(), program, origin, decl.name().name() + " parameter '" + pname + "'");
            inst.args().put(pname, v);
            inst.argOrigins().put(pname, origin);
            scope.define(pname, v, Env.Kind.PARAM);
        }
    }

    /** Applies path overrides once an instance knows where it sits in the tree. */
    private void applyPathOverrides(Instance inst) {
        Map<String, Setting> byPath = pathOverrides.get(inst.path());
        if (byPath == null) {
            return;
        }
        usedPathOverrides.add(inst.path());
        for (var e : byPath.entrySet()) {
            Decl.Param p = inst.decl().params().stream().filter(q -> q.name().name().equals(e.getKey())).findFirst()
                    .orElse(null);
            if (p == null) {
                diagnostics.report(Diagnostic.error(e.getValue().origin(), inst.typeName() + " at '" + inst.path()
                        + "' has no parameter '" + e.getKey() + "'"));
                continue;
            }
            Value v = Types.coerce(e.getValue().value(), p.type(), program, e.getValue().origin(),
                    "override of " + inst.path() + "." + e.getKey());
            inst.args().put(e.getKey(), v);
            inst.argOrigins().put(e.getKey(), e.getValue().origin());
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Bodies

    /** Realises an attached instance: runs block bodies (recursively), attaches container items. */
    void realize(Instance inst) {
        if (inst.realized()) {
            return;
        }
        inst.markRealized();
        switch (inst.kind()) {
            case BLOCK -> {
                applyPathOverrides(inst);
                String blockName = inst.decl().name().name();
                if (realizing.contains(blockName)) {
                    List<String> chain = new ArrayList<>(realizing);
                    java.util.Collections.reverse(chain);
                    chain.add(blockName);
                    throw new ArchError(inst.createdAt(), "block " + blockName + " contains itself: "
                            + String.join(" → ", chain.subList(chain.indexOf(blockName), chain.size())));
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

    private Env runBody(Instance inst, Decl.Block decl, Map<String, Shape> inputs) {
        Env env = new Env(null);
        inst.args().forEach((k, v) -> env.define(k, v, Env.Kind.PARAM));
        execBody(decl.body(), inst, env, inputs);
        bodyEnvs.put(inst, env);
        return env;
    }

    private void execBody(List<BodyStmt> body, Instance inst, Env env, Map<String, Shape> inputs) {
        for (BodyStmt s : body) {
            try {
                execBodyStmt(s, inst, env, inputs);
            } catch (ArchError e) {
                diagnostics.report(withContext(e.diagnostic(), inst));
                poison(s, env);
            } catch (ArchError.Poisoned p) {
                poison(s, env);
            }
        }
    }

    private static Diagnostic withContext(Diagnostic d, Instance inst) {
        String where = context(inst);
        return where == null ? d : d.withNote(where);
    }

    private static String context(Instance inst) {
        if (inst == null || inst.kind() == Instance.Kind.NETWORK || inst.parent() == null) {
            return null;
        }
        return "in " + inst.typeName() + " at '" + inst.path() + "'";
    }

    private void poison(BodyStmt s, Env env) {
        if (s instanceof BodyStmt.Let l) {
            env.define(l.name().name(), Value.ERROR, Env.Kind.LET);
        } else if (s instanceof BodyStmt.Child c) {
            env.define(c.name().name(), Value.ERROR, Env.Kind.CHILD);
        }
    }

    private void execBodyStmt(BodyStmt s, Instance inst, Env env, Map<String, Shape> inputs) {
        if (s instanceof BodyStmt.Let l) {
            checkFresh(l.name(), inst, env);
            Value v = evaluator.eval(l.value(), env, inst);
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
            checkRequire(r, inst, env);
        } else if (s instanceof BodyStmt.InitRule rule) {
            evaluator.checkInitRule(rule, env, inst);
        } else if (s instanceof BodyStmt.Input in) {
            if (inputs == null) {
                throw new ArchError(in.span(), "only a network declares inputs; a block receives them in forward");
            }
            Value v = evaluator.eval(in.shape(), env, inst);
            inputs.put(in.name().name(), evaluator.shapeOf(v, in.shape().span()));
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
        Value v = evaluator.eval(c.value(), env, inst);
        if (v instanceof Value.ListOf l && !l.items().isEmpty() && l.items().get(0) instanceof Value.Module) {
            throw new ArchError(c.value().span(), "a list of modules must be wrapped to be registered")
                    .withHelp("write ModuleList([...]) for indexed children, or Sequential([...]) to chain them");
        }
        if (!(v instanceof Value.Module m)) {
            throw new ArchError(c.value().span(), "'" + c.name().name() + "' is " + v.describe()
                    + ", not a module or parameter").withHelp("declare constants with: let " + c.name().name()
                    + " = ...");
        }
        Instance child = m.instance();
        if (child.isAttached() || child.kind() == Instance.Kind.NETWORK) {
            if (child.parent() != inst) {
                throw new ArchError(c.value().span(), "an alias must name a child of this block");
            }
            inst.attach(c.name().name(), child, true);
        } else {
            inst.attach(c.name().name(), child, false);
            realize(child);
        }
        env.define(c.name().name(), v, Env.Kind.CHILD);
    }

    private void checkRequire(BodyStmt.Require r, Instance inst, Env env) {
        if (evaluator.condition(r.condition(), env, inst)) {
            return;
        }
        String message = r.message() == null ? "requirement failed: " + Render.expr(r.condition())
                : evaluator.interpolate(r.message(), env, inst, r.span());
        // Point at the place the user must change: where the first parameter in the condition was set.
        Span at = r.condition().span();
        String param = firstParameter(r.condition(), env);
        Diagnostic d;
        if (param != null && inst.argOrigins().containsKey(param) && !inst.argOrigins().get(param).equals(at)) {
            at = inst.argOrigins().get(param);
            d = Diagnostic.error(at, message).withNote("required at " + r.span().location() + ": "
                    + Render.expr(r.condition()));
        } else {
            d = Diagnostic.error(at, message);
        }
        diagnostics.report(withContext(d, inst));
    }

    private static String firstParameter(Expr e, Env env) {
        List<String> names = new ArrayList<>();
        Render.names(e, names);
        for (String n : names) {
            Env.Binding b = env.lookup(n);
            if (b != null && b.kind() == Env.Kind.PARAM) {
                return n;
            }
        }
        return null;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Forward

    /** Runs a child block's forward (its body scope was kept when it was realised). */
    Value callBlock(Instance inst, List<Value> args, Span callSpan) {
        return callBlock(inst, bodyEnvs.get(inst), args, callSpan);
    }

    /** Runs a block's forward for input values; records shapes and FLOPs on the instance. */
    Value callBlock(Instance inst, Env bodyEnv, List<Value> args, Span callSpan) {
        Decl.Block decl = inst.decl();
        Decl.Forward fwd = decl.forward();
        if (fwd == null) {
            throw new ArchError(callSpan, "block " + decl.name().name() + " has no forward and cannot be called");
        }
        if (fwd.params().size() != args.size()) {
            throw new ArchError(callSpan, decl.name().name() + " forward takes " + fwd.params().size()
                    + " input(s) (" + String.join(", ", fwd.params().stream().map(Ident::name).toList())
                    + ") but is given " + args.size());
        }
        Env env = new Env(bodyEnv);
        for (int i = 0; i < args.size(); i++) {
            env.define(fwd.params().get(i).name(), args.get(i), Env.Kind.LOCAL);
        }
        boolean first = inst.output() == null;
        Value result = execForward(fwd.body(), inst, env, first);
        if (result == null) {
            diagnostics.report(Diagnostic.error(decl.name().span(), "forward of " + decl.name().name()
                    + " does not return a value").withHelp("end forward with: return <value>"));
            result = Value.ERROR;
        }
        inst.recordOutput(result);
        return result;
    }

    /** Executes statements; returns the returned value, or null when the statements fall through. */
    private Value execForward(List<ForwardStmt> body, Instance inst, Env env, boolean record) {
        for (ForwardStmt s : body) {
            try {
                if (s instanceof ForwardStmt.Assign a) {
                    Value v = evaluator.eval(a.value(), env, inst);
                    bindTargets(a, v, inst, env);
                    if (record) {
                        inst.statementShapes().put(a.span(), shapeText(v));
                    }
                } else if (s instanceof ForwardStmt.If i) {
                    Value r = execForward(evaluator.condition(i.condition(), env, inst) ? i.then() : i.otherwise(),
                            inst, env, record);
                    if (r != null) {
                        return r;
                    }
                } else if (s instanceof ForwardStmt.Return r) {
                    List<Value> values = new ArrayList<>();
                    for (Expr e : r.values()) {
                        values.add(evaluator.eval(e, env, inst));
                    }
                    Value out = values.size() == 1 ? values.get(0) : new Value.Tuple(values);
                    if (record) {
                        inst.statementShapes().put(r.span(), shapeText(out));
                    }
                    return out;
                }
            } catch (ArchError e) {
                diagnostics.report(withContext(e.diagnostic(), inst));
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
