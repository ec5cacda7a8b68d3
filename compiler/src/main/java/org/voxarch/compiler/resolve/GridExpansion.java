package org.voxarch.compiler.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.Ident;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.ast.Substitution;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.diag.Span;

/**
 * Turns {@code grid G = Base(args) over { a in [x, y], Block.p in [1, 2] } with { ... }} into one variant per
 * combination, named {@code G_x_1}, {@code G_x_2}, ...: a network parameter axis becomes an argument, a
 * {@code Block.param} or {@code path.param} axis an override, and an axis whose name the grid's arguments or
 * {@code with} use is a grid variable, put in place of that name. Zipped axes ({@code a, b in [[1, 2], [3, 4]]})
 * take their values together. The members are ordinary variants from then on (summary, diff, generate).
 */
public final class GridExpansion {
    private GridExpansion() {
    }

    /** One target of an axis and where it is written. */
    private record Target(List<String> path, Span span) {
        String text() {
            return String.join(".", path);
        }
    }

    /** One choice of an axis: the value of each of its targets. */
    private record Choice(List<Expr> values) {}

    public static List<Decl.Variant> expand(Decl.Grid grid, Diagnostics diagnostics) {
        List<List<Target>> targets = new ArrayList<>();
        List<List<Choice>> choices = new ArrayList<>();
        Map<String, Span> seen = new HashMap<>();
        for (Decl.Axis axis : grid.axes()) {
            List<Target> axisTargets = new ArrayList<>();
            for (int i = 0; i < axis.targets().size(); i++) {
                Target t = new Target(axis.targets().get(i), axis.targetSpans().get(i));
                Span first = seen.putIfAbsent(t.text(), t.span());
                if (first != null) {
                    diagnostics.report(Diagnostic.error(t.span(), "axis '" + t.text() + "' is given twice")
                            .withNote("first given at " + first.location()));
                    return List.of();
                }
                axisTargets.add(t);
            }
            List<Choice> axisChoices = choices(axis, diagnostics);
            if (axisChoices == null) {
                return List.of();
            }
            targets.add(axisTargets);
            choices.add(axisChoices);
        }
        Set<String> variables = variables(grid, targets);
        List<List<Choice>> combinations = new ArrayList<>();
        combine(choices, 0, new ArrayList<>(), combinations);
        List<String> names = memberNames(grid, combinations);
        List<Decl.Variant> out = new ArrayList<>();
        for (int i = 0; i < combinations.size(); i++) {
            out.add(variant(grid, targets, variables, combinations.get(i), names.get(i)));
        }
        return out;
    }

    /** An axis's values, each a list of as many values as a zipped axis has targets; null after an error. */
    private static List<Choice> choices(Decl.Axis axis, Diagnostics diagnostics) {
        if (!(axis.values() instanceof Expr.ListLit list) || list.items().isEmpty()
                || list.items().stream().anyMatch(Expr.ListItem::spread)) {
            diagnostics.report(Diagnostic.error(axis.values().span(), axis.zipped()
                    ? "a zipped axis takes a list of value lists, e.g. [[concat, 64], [sum, 32]]"
                    : "a grid axis takes a list of values, e.g. [concat, sum]"));
            return null;
        }
        List<Choice> out = new ArrayList<>();
        for (Expr.ListItem item : list.items()) {
            if (!axis.zipped()) {
                out.add(new Choice(List.of(item.value())));
                continue;
            }
            int n = axis.targets().size();
            if (!(item.value() instanceof Expr.ListLit values) || values.items().size() != n
                    || values.items().stream().anyMatch(Expr.ListItem::spread)) {
                diagnostics.report(Diagnostic.error(item.value().span(), "each value of a zipped axis of " + n
                        + " names is a list of " + n + " values, one for each name in order")
                        .withHelp("write e.g. [" + String.join(", ", java.util.Collections.nCopies(n, "v"))
                                + "]"));
                return null;
            }
            out.add(new Choice(values.items().stream().map(Expr.ListItem::value).toList()));
        }
        return out;
    }

    /** Axis names that the grid's arguments, overrides or replacements use: grid variables, not parameters. */
    private static Set<String> variables(Decl.Grid grid, List<List<Target>> targets) {
        List<String> used = new ArrayList<>();
        grid.args().forEach(a -> Render.names(a.value(), used));
        grid.overrides().forEach(o -> Render.names(o.value(), used));
        grid.replacements().forEach(r -> Render.names(r.value(), used));
        Set<String> out = new LinkedHashSet<>();
        for (List<Target> axis : targets) {
            for (Target t : axis) {
                if (t.path().size() == 1 && used.contains(t.path().get(0))) {
                    out.add(t.path().get(0));
                }
            }
        }
        return out;
    }

    private static void combine(List<List<Choice>> choices, int axis, List<Choice> chosen, List<List<Choice>> out) {
        if (axis == choices.size()) {
            out.add(List.copyOf(chosen));
            return;
        }
        for (Choice c : choices.get(axis)) {
            chosen.add(c);
            combine(choices, axis + 1, chosen, out);
            chosen.remove(chosen.size() - 1);
        }
    }

    /**
     * {@code G_x_1} from the values; when two combinations would get the same name (values that differ only in
     * characters a name cannot hold), every member is numbered instead: {@code G_1}, {@code G_2}, ...
     */
    private static List<String> memberNames(Decl.Grid grid, List<List<Choice>> combinations) {
        List<String> names = new ArrayList<>();
        for (List<Choice> combination : combinations) {
            names.add(grid.name().name() + "_" + combination.stream().flatMap(c -> c.values().stream())
                    .map(GridExpansion::nameOf).collect(Collectors.joining("_")));
        }
        if (new LinkedHashSet<>(names).size() == names.size()) {
            return names;
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 1; i <= names.size(); i++) {
            numbered.add(grid.name().name() + "_" + i);
        }
        return numbered;
    }

    private static Decl.Variant variant(Decl.Grid grid, List<List<Target>> targets, Set<String> variables,
            List<Choice> chosen, String name) {
        Map<String, Expr> bound = new LinkedHashMap<>();
        List<Expr.Arg> axisArgs = new ArrayList<>();
        List<Decl.Override> axisOverrides = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (int a = 0; a < chosen.size(); a++) {
            for (int i = 0; i < targets.get(a).size(); i++) {
                Target t = targets.get(a).get(i);
                Expr value = chosen.get(a).values().get(i);
                if (t.path().size() == 1 && variables.contains(t.path().get(0))) {
                    bound.put(t.path().get(0), value);
                } else if (t.path().size() == 1) {
                    axisArgs.add(new Expr.Arg(t.span(), t.path().get(0), value));
                } else {
                    axisOverrides.add(new Decl.Override(t.span(), t.path(), value));
                }
                described.add(t.text() + " = " + Render.expr(value));
            }
        }
        List<Expr.Arg> args = new ArrayList<>(Substitution.args(grid.args(), bound));
        for (Expr.Arg a : axisArgs) {
            args.removeIf(given -> a.name().equals(given.name()));
            args.add(a);
        }
        List<Decl.Override> overrides = new ArrayList<>();
        for (Decl.Override o : grid.overrides()) {
            overrides.add(new Decl.Override(o.span(), o.target(), Substitution.apply(o.value(), bound)));
        }
        overrides.addAll(axisOverrides);
        List<Decl.Replacement> replacements = new ArrayList<>();
        for (Decl.Replacement r : grid.replacements()) {
            replacements.add(new Decl.Replacement(r.span(), r.target(), Substitution.apply(r.value(), bound)));
        }
        String doc = (grid.doc().isEmpty() ? "" : grid.doc() + "\n") + "Grid member: "
                + String.join(", ", described) + ".";
        return new Decl.Variant(grid.span(), new Ident(grid.name().span(), name), grid.base(), args, overrides,
                replacements, doc);
    }

    /** A name part for a value: {@code sum}, {@code 32}, {@code 0p1}, {@code 32x64x64}. */
    private static String nameOf(Expr e) {
        String raw = e instanceof Expr.ListLit l ? l.items().stream().map(i -> nameOf(i.value()))
                .collect(Collectors.joining("x")) : Render.expr(e);
        return raw.replace('.', 'p').replace('-', 'm').replaceAll("[^A-Za-z0-9_]", "");
    }
}
