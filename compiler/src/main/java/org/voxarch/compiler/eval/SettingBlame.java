package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;

/**
 * Finds the command-line {@code --set NAME=VALUE} behind a failing statement: a parameter it reads that was set
 * there, directly, passed on through blocks, or through the {@code let}s computed from it. Such a mistake belongs to
 * the flag, not to the bundled spec the value travelled into.
 */
final class SettingBlame {
    private final Set<Span> commandLine = new HashSet<>();
    private final Set<Span> blamed = new HashSet<>();
    /** Per instance, the parameters each {@code let} is computed from. */
    private final Map<Instance, Map<String, Set<String>>> letParams = new IdentityHashMap<>();

    /** Records where a {@code --set} value was written (its synthetic span). */
    void setOnCommandLine(Span origin) {
        commandLine.add(origin);
    }

    /** Records what {@code let name = value} in {@code inst}'s body is computed from. */
    void let(Instance inst, String name, Expr value, Env env) {
        letParams.computeIfAbsent(inst, k -> new HashMap<>()).put(name, paramsRead(value, env, inst));
    }

    /** The {@code --set} span behind an expression of {@code inst}, or null. */
    Span behind(Expr e, Env env, Instance inst) {
        if (e == null || commandLine.isEmpty()) {
            return null;
        }
        for (String param : paramsRead(e, env, inst)) {
            Span origin = inst.argOrigins().get(param);
            if (origin != null && commandLine.contains(origin)) {
                return origin;
            }
        }
        return null;
    }

    /**
     * Whether a mistake blamed on {@code setting} is the first: one bad value is one error, not one for every
     * block it reaches.
     */
    boolean firstBlame(Span setting) {
        return blamed.add(setting);
    }

    /** The expression of a body statement that an error in it comes from. */
    static Expr expressionOf(BodyStmt s) {
        if (s instanceof BodyStmt.Let l) {
            return l.value();
        } else if (s instanceof BodyStmt.Child c) {
            return c.value();
        } else if (s instanceof BodyStmt.Require r) {
            return r.condition();
        } else if (s instanceof BodyStmt.If i) {
            return i.condition();
        } else if (s instanceof BodyStmt.Input in) {
            return in.shape();
        }
        return null;
    }

    private Set<String> paramsRead(Expr e, Env env, Instance inst) {
        List<String> names = new ArrayList<>();
        Render.names(e, names);
        Set<String> params = new LinkedHashSet<>();
        Map<String, Set<String>> lets = letParams.getOrDefault(inst, Map.of());
        for (String n : names) {
            Env.Binding b = env.lookup(n);
            if (b != null && b.kind() == Env.Kind.PARAM) {
                params.add(n);
            } else if (b != null && b.kind() == Env.Kind.LET) {
                params.addAll(lets.getOrDefault(n, Set.of()));
            }
        }
        return params;
    }
}
