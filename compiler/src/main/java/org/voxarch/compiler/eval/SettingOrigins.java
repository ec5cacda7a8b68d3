package org.voxarch.compiler.eval;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;


/**
 * Where the values of an elaboration were written: the network's arguments and overrides (places a user
 * configures), its defaults (a configuration the user did not touch), and the expression at each argument's place
 * (to point inside a list such as {@code [50, 128, 128]}).
 */
final class SettingOrigins {
    private final Set<Span> settingSpans = new HashSet<>();
    private final Set<Span> defaultSpans = new HashSet<>();
    private final Map<Span, Expr> argumentExprs = new HashMap<>();

    /** Where overrides are collected into (see VariantOverrides.collect). */
    Set<Span> settings() {
        return settingSpans;
    }

    /** Records where the network's arguments came from: its defaults, or a setting. */
    void networkArguments(Instance root, Decl.Block network) {
        for (Decl.Param p : network.params()) {
            Span origin = root.argOrigins().get(p.name().name());
            boolean byDefault = p.defaultValue() != null && p.defaultValue().span().equals(origin);
            (byDefault ? defaultSpans : settingSpans).add(origin);
        }
    }

    /** 0 for a place the user set, 1 for a network default, 2 for anything else: the order to blame them in. */
    int rank(Span origin) {
        return settingSpans.contains(origin) ? 0 : defaultSpans.contains(origin) ? 1 : 2;
    }

    /** The expression written at an argument's place, or null. */
    Expr writtenAt(Span origin) {
        return argumentExprs.get(origin);
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
}
