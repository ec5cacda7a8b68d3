package org.voxarch.compiler.eval;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.diag.Suggest;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;


/**
 * Binds call arguments to a block's parameters (positional, named, defaults, then overrides and command-line
 * settings) and checks each value against the declared type, remembering where each value was written.
 */
final class ArgumentBinder {
    private final Program program;
    private final Evaluator evaluator;
    private final VariantOverrides overrides;
    private final SettingBlame blame;
    private final SettingOrigins origins;
    private final ElaborationLog log;
    /** Defaults evaluated are added here (see Elaborator.reached). */
    private final Set<Span> reached;

    ArgumentBinder(Program program, Evaluator evaluator, VariantOverrides overrides, SettingBlame blame,
            SettingOrigins origins, ElaborationLog log, Set<Span> reached) {
        this.program = program;
        this.evaluator = evaluator;
        this.overrides = overrides;
        this.blame = blame;
        this.origins = origins;
        this.log = log;
        this.reached = reached;
    }


    /**
     * Binds call arguments to a block's parameters: positional, then named, then defaults; then overrides.
     * Every value is checked against the declared type. {@code caller} is the instance whose body makes the call
     * (null for the network itself).
     */
    void bindArguments(Instance inst, Decl.Block decl, List<Expr.Arg> args, Map<String, Elaborator.Setting> settings,
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
            origins.put(pname, this.origins.origin(a.value(), callerEnv, caller));
            typeChecked.put(pname, a.value().span());
        }
        if (settings != null) {
            for (var s : settings.entrySet()) {
                if (!byName.containsKey(s.getKey())) {
                    log.report(Diagnostic.error(s.getValue().origin(), "network " + decl.name().name()
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
        Map<String, Elaborator.Setting> blockWide = overrides.of(decl.name().name());
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
                .anyMatch(ArgumentBinder::holdsModule);
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
}
