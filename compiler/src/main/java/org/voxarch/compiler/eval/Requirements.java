package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Value;


/**
 * Checks {@code require} statements and explains a failed one: the case that fails, the values involved, the place
 * the user must change (where a parameter of the condition was set, down to one item of a list), and the nearest
 * values that would pass a divisibility test.
 */
final class Requirements {
    private final Evaluator evaluator;
    private final SettingBlame blame;
    private final SettingOrigins origins;
    private final ElaborationLog log;

    Requirements(Evaluator evaluator, SettingBlame blame, SettingOrigins origins, ElaborationLog log) {
        this.evaluator = evaluator;
        this.blame = blame;
        this.origins = origins;
        this.log = log;
    }

    /** Whether the requirement holds; when it does not, reports it (once per --set value to blame). */
    boolean met(BodyStmt.Require r, Instance inst, Env env) {
        Span setting = blame.behind(r.condition(), env, inst);
        ArchError unevaluable = null;
        try {
            if (evaluator.condition(r.condition(), env, inst)) {
                return true;
            }
        } catch (ArchError e) {
            if (setting == null) {
                throw e;
            }
            // A --set value the condition cannot even be computed with (heads = 0 in hidden % heads) fails it.
            unevaluable = e;
        }
        if (setting != null && !blame.firstBlame(setting)) {
            return false;
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
        log.report(log.withContext(new Diagnostic(at, message, notes, help), inst));
        return false;
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
                int r = origins.rank(origin);
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
                || !(origins.writtenAt(origin) instanceof Expr.ListLit list)
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

}
