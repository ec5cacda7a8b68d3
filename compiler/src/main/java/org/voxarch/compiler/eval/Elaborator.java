package org.voxarch.compiler.eval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.builtins.SizeLimits;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.diag.Suggest;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;
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
    private final Replacements replacements;
    private final ChildReplacer replacer;
    private final VariantOverrides overrides;
    private final SettingBlame blame = new SettingBlame();
    /** Where the network's arguments and the overrides were written: the places a user configures. */
    private final Set<Span> settingSpans = new HashSet<>();
    /** Where the network's defaults are: a configuration too, but one the user did not touch. */
    private final Set<Span> defaultSpans = new HashSet<>();
    /** The expression written at each argument's place, to point inside a list such as {@code [50, 128, 128]}. */
    private final Map<Span, Expr> argumentExprs = new HashMap<>();
    private final Deque<String> realizing = new ArrayDeque<>();
    private final Map<Instance, Env> bodyEnvs = new java.util.IdentityHashMap<>();
    /** Instances with a failed {@code require}: the rest of their body and their forward are not checked. */
    private final Set<Instance> unmet = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** The file the network is declared in: the user's code, as opposed to the libraries it imports. */
    private SourceFile networkFile;
    private int reported;
    /** Whether the variant elaborated is a member of a grid. */
    private boolean gridMember;
    /** The statements and parameter defaults evaluated: what {@link StaticTypes} need not type again. */
    private final Set<Span> reached = new HashSet<>();

    public Elaborator(Program program, Diagnostics diagnostics) {
        this.program = program;
        this.diagnostics = diagnostics;
        this.evaluator = new Evaluator(program, this);
        this.replacements = new Replacements(program);
        this.replacer = new ChildReplacer(evaluator, replacements);
        this.overrides = new VariantOverrides(program, evaluator);
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    /** Where the statements and parameter defaults this elaborator evaluated are. */
    public Set<Span> reached() {
        return java.util.Collections.unmodifiableSet(reached);
    }

    /**
     * Reports a mistake of this elaboration. Counted here, because the shared diagnostics drop a repeat of what
     * was reported before (by the static checker, or for another variant) and their count then stays the same.
     */
    private void report(Diagnostic d) {
        reported++;
        diagnostics.report(d);
    }

    /**
     * Elaborates a network or variant by name. {@code settings} are command-line {@code --set} values (already
     * parsed), applied last. Returns null when the name is unknown or the network has errors.
     */
    public NetworkModel elaborate(String name, Map<String, Setting> settings) {
        try {
            return elaborateChecked(name, settings);
        } catch (ArchError e) {
            report(e.diagnostic());
            return null;
        } catch (ArchError.Poisoned p) {
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            // A bug in the compiler, not in the spec; still a diagnostic rather than a stack trace.
            Decl decl = program.find(name);
            report(Diagnostic.error(decl == null ? Span.synthetic("<command line>") : decl.name().span(),
                    "internal compiler error while elaborating '" + name + "': " + e)
                    .withHelp("please report this together with the spec"));
            return null;
        }
    }

    private NetworkModel elaborateChecked(String name, Map<String, Setting> settings) {
        Decl decl = program.find(name);
        if (decl == null) {
            report(Diagnostic.error(Span.synthetic("<command line>"), "no network named '" + name + "'")
                    .withHelp(Suggest.hint(name, networkNames())));
            return null;
        }
        Decl.Variant variant = null;
        Decl.Block network;
        if (decl instanceof Decl.Variant declared) {
            org.voxarch.compiler.resolve.VariantChain.Flattened flat =
                    org.voxarch.compiler.resolve.VariantChain.flatten(program, declared);
            if (flat.error() != null) {
                report(flat.error());
                return null;
            }
            Decl.Variant v = flat.variant();
            variant = v;
            overrides.collect(declared, v, settingSpans).forEach(this::report);
            gridMember = program.decls().values().stream()
                    .anyMatch(g -> g instanceof Decl.Grid grid && grid.span().equals(declared.span()));
            Decl base = program.find(v.base().name());
            if (!(base instanceof Decl.Block b) || !b.network()) {
                Set<String> networks = new java.util.TreeSet<>();
                program.decls().forEach((n, d) -> {
                    if (d instanceof Decl.Variant || d instanceof Decl.Block candidate && candidate.network()) {
                        networks.add(n);
                    }
                });
                report(Diagnostic.error(v.base().span(), base == null
                        ? "unknown network '" + v.base().name() + "'"
                        : "'" + v.base().name() + "' is not a network; a variant is based on a network or variant")
                        .withHelp(Suggest.hint(v.base().name(), networks)));
                return null;
            }
            network = b;
        } else if (decl instanceof Decl.Block b && b.network()) {
            network = b;
        } else {
            report(Diagnostic.error(decl.name().span(), "'" + name + "' is not a network or variant"));
            return null;
        }
        networkFile = network.span().file();
        if (variant != null) {
            replacements.collect(variant).forEach(this::report);
        }
        Instance root = new Instance(Instance.Kind.NETWORK, network.name().name(), network.span(), network);
        root.makeRoot(name);
        Env global = new Env(null);
        List<Expr.Arg> args = variant == null ? List.of() : variant.args();
        try {
            bindArguments(root, network, args, settings, global, null, network.name().span());
        } catch (ArchError e) {
            report(e.diagnostic());
            return null;
        } catch (ArchError.Poisoned p) {
            // Reported where the value went wrong.
            return null;
        }
        if (reported > 0) {
            return null;
        }
        for (Decl.Param p : network.params()) {
            Span origin = root.argOrigins().get(p.name().name());
            boolean byDefault = p.defaultValue() != null && p.defaultValue().span().equals(origin);
            (byDefault ? defaultSpans : settingSpans).add(origin);
        }
        // Inputs whose shape has an error are null: the forward still runs, without them.
        LinkedHashMap<String, org.voxarch.compiler.model.Shape> inputs = new LinkedHashMap<>();
        Env env = runBody(root, network, inputs);
        List<Shape> outputs = new ArrayList<>();
        if (network.forward() != null && !unmet.contains(root)) {
            if (inputs.isEmpty()) {
                report(Diagnostic.error(network.name().span(), "network '" + network.name().name()
                        + "' declares no input").withHelp("add a line such as: input x: [B, in_channels, *patch]"));
            } else if (network.forward().params().size() != inputs.size()) {
                report(Diagnostic.error(network.forward().span(), "forward of " + network.name().name()
                        + " takes " + network.forward().params().size() + " input(s) but the network declares "
                        + inputs.size() + " (" + String.join(", ", inputs.keySet()) + ")")
                        .withHelp("write forward(" + String.join(", ", inputs.keySet()) + ")"));
            } else {
                List<Value> in = new ArrayList<>();
                for (Shape s : inputs.values()) {
                    in.add(s == null ? Value.ERROR : new Value.Tensor(s));
                }
                evaluator.enterForward();
                Value out = callBlock(root, env, in, network.forward().span(), false);
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
        overrides.unusedByPath(root).forEach(this::reportUnlessInherited);
        if (reported == 0) {
            // With other errors an override or replacement may not have been reached for their sake.
            overrides.unusedBlockWide(root).forEach(this::reportUnlessInherited);
            overrides.unchangedBlockWide().forEach(this::warn);
            replacements.unused(root).forEach(this::reportUnlessInherited);
        }
        if (reported > 0) {
            return null;
        }
        LinkedHashMap<String, Value> parameters = new LinkedHashMap<>(root.args());
        return new NetworkModel(name, network, variant, parameters, overrides.settledBlockWide(), root, inputs,
                outputs);
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

    /** A warning about what this variant itself sets; a grid's members may include the unchanged value. */
    private void warn(Diagnostic d) {
        if (!gridMember && !overrides.inherited(d)) {
            diagnostics.warn(d);
        }
    }

    private void reportUnlessInherited(Diagnostic d) {
        if (!overrides.inherited(d)) {
            report(d);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Arguments

    /**
     * Binds call arguments to a block's parameters: positional, then named, then defaults; then overrides.
     * Every value is checked against the declared type. {@code caller} is the instance whose body makes the call
     * (null for the network itself).
     */
    void bindArguments(Instance inst, Decl.Block decl, List<Expr.Arg> args, Map<String, Setting> settings,
            Env callerEnv, Instance caller, Span callSpan) {
        Map<String, Decl.Param> byName = new LinkedHashMap<>();
        for (Decl.Param p : decl.params()) {
            if (byName.putIfAbsent(p.name().name(), p) != null) {
                // A parameter declared twice (reported by the static checker): no call can be bound reliably.
                throw new ArchError.Poisoned();
            }
        }
        Map<String, Value> given = new LinkedHashMap<>();
        Map<String, Span> origins = new LinkedHashMap<>();
        Map<String, Span> written = new HashMap<>();
        // A value of the wrong type is a mistake where it is passed, not where it was set.
        Map<String, Span> typeChecked = new HashMap<>();
        boolean sawNamed = false;
        int position = 0;
        for (Expr.Arg a : args) {
            String pname;
            if (a.name() == null) {
                if (sawNamed) {
                    throw new ArchError(a.span(), "positional argument after a named one")
                            .withHelp("name it, or move it before the named arguments");
                }
                if (position >= decl.params().size()) {
                    throw new ArchError(a.span(), decl.name().name() + " takes at most " + decl.params().size()
                            + " arguments (" + String.join(", ", byName.keySet()) + ")");
                }
                pname = decl.params().get(position++).name().name();
            } else {
                sawNamed = true;
                pname = a.name();
                if (!byName.containsKey(pname)) {
                    throw new ArchError(a.span(), decl.name().name() + " has no parameter '" + pname + "'")
                            .withHelp(parameterHint(pname, decl));
                }
            }
            if (written.containsKey(pname)) {
                throw new ArchError(a.span(), "parameter '" + pname + "' is given twice")
                        .withNote("first given at " + written.get(pname).location());
            }
            written.put(pname, a.span());
            given.put(pname, evaluator.eval(a.value(), callerEnv, null));
            origins.put(pname, origin(a.value(), callerEnv, caller));
            typeChecked.put(pname, a.value().span());
        }
        if (settings != null) {
            for (var s : settings.entrySet()) {
                if (!byName.containsKey(s.getKey())) {
                    report(Diagnostic.error(s.getValue().origin(), "network " + decl.name().name()
                            + " has no parameter '" + s.getKey() + "'").withHelp(parameterHint(s.getKey(), decl)));
                    continue;
                }
                given.put(s.getKey(), s.getValue().value());
                origins.put(s.getKey(), s.getValue().origin());
                // Type-checked as written on the command line, not where the variant had set it.
                typeChecked.remove(s.getKey());
                blame.setOnCommandLine(s.getValue().origin());
            }
        }
        Map<String, Setting> blockWide = overrides.of(decl.name().name());
        Env scope = new Env(null);
        for (Decl.Param p : decl.params()) {
            String pname = p.name().name();
            Value v;
            Span origin;
            if (blockWide.containsKey(pname)) {
                v = blockWide.get(pname).value();
                origin = blockWide.get(pname).origin();
                observeBlockWide(decl, p, given, scope, v);
            } else if (given.containsKey(pname)) {
                v = given.get(pname);
                origin = origins.get(pname);
            } else if (p.defaultValue() != null) {
                reached.add(p.defaultValue().span());
                v = evaluator.eval(p.defaultValue(), scope, null);
                origin = p.defaultValue().span();
            } else {
                throw new ArchError(callSpan, decl.name().name() + " is missing parameter '" + pname + "'")
                        .withNote("declared at " + p.span().location()).withHelp(signature(decl));
            }
            Span at = typeChecked.getOrDefault(pname, origin);
            if (holdsModule(v)) {
                throw new ArchError(at, decl.name().name() + " parameter '" + pname + "' holds a module ("
                        + v.describe() + "); parameters are values: numbers, sizes, flags, strings, enum constants"
                        + " and lists of them")
                        .withHelp("pass the values the module needs and declare the child in "
                                + decl.name().name() + "'s body");
            }
            v = Types.coerce(v, p.type(), program, at, decl.name().name() + " parameter '" + pname + "'");
            EnumNames.requireSettled(v, at);
            inst.args().put(pname, v);
            inst.argOrigins().put(pname, origin);
            scope.define(pname, v, Env.Kind.PARAM);
        }
    }

    /**
     * Tells the overrides what a block-wide override replaced in this instance: the argument given, else the
     * default. A value that does not convert is reported by the binding itself, not here.
     */
    private void observeBlockWide(Decl.Block decl, Decl.Param p, Map<String, Value> given, Env scope, Value v) {
        try {
            Value before = given.containsKey(p.name().name()) ? given.get(p.name().name())
                    : p.defaultValue() == null ? null : evaluator.eval(p.defaultValue(), scope, null);
            String what = p.name().name();
            overrides.observe(decl.name().name(), what, before == null ? null
                    : Types.coerce(before, p.type(), program, p.span(), what),
                    Types.coerce(v, p.type(), program, p.span(), what));
        } catch (ArchError | ArchError.Poisoned e) {
            overrides.observe(decl.name().name(), p.name().name(), null, v);
        }
    }

    static boolean holdsModule(Value v) {
        return v instanceof Value.Module || v instanceof Value.ListOf l && l.items().stream()
                .anyMatch(Elaborator::holdsModule);
    }

    /**
     * Where an argument's value was written. A parameter passed on unchanged ({@code EPA(hidden, ...)} inside a
     * block with parameter {@code hidden}) comes from wherever that parameter was set, so a mistake is reported
     * at the value the user wrote, not at every block it passes through.
     */
    Span origin(Expr value, Env env, Instance caller) {
        argumentExprs.putIfAbsent(value.span(), value);
        if (caller != null && value instanceof Expr.Name n) {
            Env.Binding b = env.lookup(n.name());
            Span traced = caller.argOrigins().get(n.name());
            if (b != null && b.kind() == Env.Kind.PARAM && traced != null) {
                return traced;
            }
        }
        return value.span();
    }

    /** "did you mean ...?", or the list of parameters when none is close. */
    static String parameterHint(String name, Decl.Block decl) {
        List<String> names = decl.params().stream().map(p -> p.name().name()).toList();
        String close = Suggest.hint(name, names);
        if (close != null) {
            return close;
        }
        return names.isEmpty() ? decl.name().name() + " has no parameters"
                : "the parameters of " + decl.name().name() + " are " + String.join(", ", names);
    }

    /** {@code UnetResBlock(cin, cout, kernel = 3, ...)}, for hints. */
    private static String signature(Decl.Block decl) {
        return decl.name().name() + decl.params().stream()
                .map(p -> p.defaultValue() == null ? p.name().name() : p.name().name() + " = "
                        + Render.expr(p.defaultValue()))
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
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
                overrides.applyByPath(inst, this::report, this::warn);
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

    private Env runBody(Instance inst, Decl.Block decl, Map<String, Shape> inputs) {
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
                    report(withContext(atSetting(e.diagnostic(), setting), inst));
                }
                poison(s, env, inputs);
            } catch (ArchError.Poisoned p) {
                poison(s, env, inputs);
            }
        }
    }

    /** A mistake caused by a {@code --set} value, moved to the flag; where it surfaced becomes a note. */
    private static Diagnostic atSetting(Diagnostic d, Span setting) {
        if (setting == null || d.span().equals(setting)) {
            return d;
        }
        List<String> notes = new ArrayList<>(d.notes());
        notes.add(0, "this value fails at " + d.span().location());
        return new Diagnostic(setting, d.message(), notes, d.help());
    }

    /** Adds where in the tree the error is, and the path overrides that changed that part of it. */
    private Diagnostic withContext(Diagnostic d, Instance inst) {
        String where = context(inst);
        Diagnostic out = where == null ? d : d.withNote(where);
        if (inst == null || inst.parent() == null) {
            return out;
        }
        for (String note : overrides.notesWithin(inst)) {
            out = out.withNote(note);
        }
        return out;
    }

    private static String context(Instance inst) {
        if (inst == null || inst.kind() == Instance.Kind.NETWORK || inst.parent() == null) {
            return null;
        }
        return "in " + inst.typeName() + " at '" + inst.path() + "'";
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
            checkRequire(r, inst, env);
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
            throw new ArchError(c.name().span(), "'" + c.name().name() + "' is " + v.describe()
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
            replacer.replaceItems(child, inst, relative, env);
            inst.attach(c.name().name(), child, false);
            realize(child);
        }
        env.define(c.name().name(), v, Env.Kind.CHILD);
    }

    /** The type a child expression builds, as messages name it: {@code EPA}, or the expression itself. */
    private static String typeOf(Expr e) {
        return e instanceof Expr.Call call && call.callee() instanceof Expr.Name n ? n.name() : Render.expr(e);
    }

    private void checkRequire(BodyStmt.Require r, Instance inst, Env env) {
        Span setting = blame.behind(r.condition(), env, inst);
        ArchError unevaluable = null;
        try {
            if (evaluator.condition(r.condition(), env, inst)) {
                return;
            }
        } catch (ArchError e) {
            if (setting == null) {
                throw e;
            }
            // A --set value the condition cannot even be computed with (heads = 0 in hidden % heads) fails it.
            unevaluable = e;
        }
        unmet.add(inst);
        if (setting != null && !blame.firstBlame(setting)) {
            return;
        }
        String message = r.message() == null ? "requirement failed: " + Render.expr(r.condition())
                : evaluator.interpolate(r.message(), env, inst, r.span());
        Failure failure = unevaluable == null ? failure(r.condition(), env, inst) : null;
        List<String> notes = new ArrayList<>();
        if (unevaluable != null) {
            notes.add(unevaluable.diagnostic().message());
        }
        if (failure != null && (failure.variable() != null || r.message() == null)) {
            notes.add(failure.explanation());
        }
        // Point at the place the user must change: where a parameter of the condition was set.
        Span at = r.condition().span();
        String param = chosenParameter(r.condition(), env, inst);
        if (setting != null) {
            at = setting;
            notes.add("required at " + r.span().location() + ": " + Render.expr(r.condition()));
        } else if (param != null && !inst.argOrigins().get(param).equals(at)) {
            at = elementSpan(inst.argOrigins().get(param), param, failure);
            notes.add("required at " + r.span().location() + ": " + Render.expr(r.condition()));
        }
        String help = failure == null || param == null ? null : divisibilityHint(failure, param, inst);
        report(withContext(new Diagnostic(at, message, notes, help), inst));
    }

    /**
     * Of the parameters in a failed condition, the one to blame: the first the user set (a network argument, an
     * override), else the first that is a network default, else the first one.
     */
    private String chosenParameter(Expr e, Env env, Instance inst) {
        List<String> names = new ArrayList<>();
        Render.names(e, names);
        String chosen = null;
        int rank = Integer.MAX_VALUE;
        for (String n : names) {
            Env.Binding b = env.lookup(n);
            Span origin = inst.argOrigins().get(n);
            if (b != null && b.kind() == Env.Kind.PARAM && origin != null) {
                int r = settingSpans.contains(origin) ? 0 : defaultSpans.contains(origin) ? 1 : 2;
                if (r < rank) {
                    chosen = n;
                    rank = r;
                }
            }
        }
        return chosen;
    }

    /**
     * The case of a failed condition to explain: for {@code all([test for i in source])} the first item whose test
     * is false (with {@code i} bound), otherwise the condition itself.
     */
    private record Failure(Expr test, Env env, String variable, Value item, String explanation) {}

    private Failure failure(Expr condition, Env env, Instance inst) {
        try {
            if (condition instanceof Expr.Call c && c.callee() instanceof Expr.Name n && n.name().equals("all")
                    && c.args().size() == 1 && c.args().get(0).value() instanceof Expr.Comprehension comp) {
                if (!(evaluator.eval(comp.source(), env, inst) instanceof Value.ListOf list)) {
                    return null;
                }
                String variable = comp.variable().name();
                for (Value item : list.items()) {
                    Env inner = new Env(env);
                    inner.define(variable, item, Env.Kind.LOOP);
                    if (evaluator.eval(comp.element(), inner, inst) instanceof Value.Bool b && !b.value()) {
                        String values = values(comp.element(), inner, inst, variable);
                        return new Failure(comp.element(), inner, variable, item, "fails for " + variable + " = "
                                + item + (values.isEmpty() ? "" : ", where " + values));
                    }
                }
                return null;
            }
            String values = values(condition, env, inst, null);
            return new Failure(condition, env, null, null, values.isEmpty() ? "" : "here " + values);
        } catch (ArchError | ArchError.Poisoned e) {
            return null;
        }
    }

    /** The values of the names and indexed items in a test, as "patch[i] = 50 and stride[i] = 16". */
    private String values(Expr test, Env env, Instance inst, String variable) {
        List<Expr> parts = new ArrayList<>();
        operands(test, parts);
        java.util.LinkedHashSet<String> shown = new java.util.LinkedHashSet<>();
        for (Expr part : parts) {
            if (part instanceof Expr.Name n && (n.name().equals(variable) || env.lookup(n.name()) == null)) {
                continue;
            }
            shown.add(Render.expr(part) + " = " + evaluator.eval(part, env, inst));
        }
        List<String> all = new ArrayList<>(shown);
        if (all.size() < 2) {
            return String.join("", all);
        }
        return String.join(", ", all.subList(0, all.size() - 1)) + " and " + all.get(all.size() - 1);
    }

    /** The names and indexed items an expression computes with (not the functions it calls). */
    private static void operands(Expr e, List<Expr> out) {
        if (e instanceof Expr.Name || e instanceof Expr.Index) {
            out.add(e);
        } else if (e instanceof Expr.Binary b) {
            operands(b.left(), out);
            operands(b.right(), out);
        } else if (e instanceof Expr.Unary u) {
            operands(u.operand(), out);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> operands(a.value(), out));
        } else if (e instanceof Expr.Conditional c) {
            operands(c.condition(), out);
            operands(c.then(), out);
            operands(c.otherwise(), out);
        } else if (e instanceof Expr.ListLit l) {
            l.items().forEach(i -> operands(i.value(), out));
        }
    }

    /**
     * Narrows a parameter's origin to one item of the list written there, when the failing test reads the
     * parameter at the loop variable ({@code patch[i]} of {@code patch = [50, 128, 128]}).
     */
    private Span elementSpan(Span origin, String param, Failure failure) {
        if (failure == null || failure.variable() == null || !(failure.item() instanceof Value.Int k)
                || !(argumentExprs.get(origin) instanceof Expr.ListLit list)
                || list.items().stream().anyMatch(Expr.ListItem::spread) || k.value() < 0
                || k.value() >= list.items().size()) {
            return origin;
        }
        List<Expr> parts = new ArrayList<>();
        operands(failure.test(), parts);
        boolean readAtVariable = parts.stream().anyMatch(p -> p instanceof Expr.Index i
                && i.target() instanceof Expr.Name t && t.name().equals(param)
                && i.index() instanceof Expr.Name v && v.name().equals(failure.variable()));
        return readAtVariable ? list.items().get((int) k.value()).value().span() : origin;
    }

    /** For a failed {@code a % b == 0}: the nearest multiples of b (when a was set) or divisors of a (when b was). */
    private String divisibilityHint(Failure failure, String param, Instance inst) {
        if (!(failure.test() instanceof Expr.Binary eq) || !eq.op().equals("==")
                || !(eq.right() instanceof Expr.IntLit zero) || zero.value() != 0
                || !(eq.left() instanceof Expr.Binary mod) || !mod.op().equals("%")) {
            return null;
        }
        if (!(evaluator.eval(mod.left(), failure.env(), inst) instanceof Value.Int a)
                || !(evaluator.eval(mod.right(), failure.env(), inst) instanceof Value.Int b)
                || a.value() <= 0 || b.value() <= 0) {
            return null;
        }
        List<String> left = new ArrayList<>();
        Render.names(mod.left(), left);
        List<String> right = new ArrayList<>();
        Render.names(mod.right(), right);
        long x = a.value();
        long y = b.value();
        if (left.contains(param)) {
            long below = x - x % y;
            return below == 0 ? "the nearest multiple of " + y + " is " + y
                    : "the nearest multiples of " + y + " are " + below + " and " + (below + y);
        }
        if (right.contains(param)) {
            if (y > x) {
                return "the largest divisor of " + x + " is " + x;
            }
            long below = y;
            while (x % below != 0) {
                below--;
            }
            long above = y;
            while (above < x && x % above != 0) {
                above++;
            }
            return "the nearest divisors of " + x + " are " + below + " and " + above;
        }
        return null;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Forward

    /**
     * Runs a child block's forward (its body scope was kept when it was realised). {@code fromCall}: the inputs are
     * the arguments of a call in the caller's forward. When the block comes from a library (a file other than the
     * network's), a mistake that comes from one of those inputs as given (see {@link ArchError#input()}) is thrown
     * back to the caller, to be reported at the argument it passed: the library is taken to be right, its use
     * to be wrong.
     */
    Value callBlock(Instance inst, List<Value> args, Span callSpan, boolean fromCall) {
        return callBlock(inst, bodyEnvs.get(inst), args, callSpan,
                fromCall && inst.decl().span().file() != networkFile);
    }

    /** Runs a block's forward for input values; records shapes and FLOPs on the instance. */
    private Value callBlock(Instance inst, Env bodyEnv, List<Value> args, Span callSpan, boolean blameCaller) {
        Decl.Block decl = inst.decl();
        Decl.Forward fwd = decl.forward();
        if (fwd == null || unmet.contains(inst)) {
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
                report(withContext(e.diagnostic(), inst));
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
                || v instanceof Value.Tuple t && t.items().stream().allMatch(Elaborator::tensors);
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
