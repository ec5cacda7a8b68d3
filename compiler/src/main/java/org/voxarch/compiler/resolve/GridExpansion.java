package org.voxarch.compiler.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.Ident;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;

/**
 * Turns {@code grid G = Net(args) over { a in [x, y], Block.p in [1, 2] }} into one variant per combination,
 * named {@code G_x_1}, {@code G_x_2}, ...: a network parameter axis becomes an argument, a {@code Block.param}
 * axis a block-wide override. The members are ordinary variants from then on (summary, diff, generate).
 */
public final class GridExpansion {
    private GridExpansion() {
    }

    public static List<Decl.Variant> expand(Decl.Grid grid, Diagnostics diagnostics) {
        List<List<Expr>> values = new ArrayList<>();
        for (Decl.Axis axis : grid.axes()) {
            if (!(axis.values() instanceof Expr.ListLit list) || list.items().isEmpty()
                    || list.items().stream().anyMatch(Expr.ListItem::spread)) {
                diagnostics.report(Diagnostic.error(axis.values().span(),
                        "a grid axis takes a list of values, e.g. [concat, sum]"));
                return List.of();
            }
            if (axis.target().size() > 2) {
                diagnostics.report(Diagnostic.error(axis.span(), "a grid axis is a network parameter or"
                        + " Block.parameter, not a path"));
                return List.of();
            }
            values.add(list.items().stream().map(Expr.ListItem::value).toList());
        }
        List<Decl.Variant> out = new ArrayList<>();
        combine(grid, values, 0, new ArrayList<>(), out);
        return out;
    }

    private static void combine(Decl.Grid grid, List<List<Expr>> values, int axis, List<Expr> chosen,
            List<Decl.Variant> out) {
        if (axis == values.size()) {
            out.add(variant(grid, chosen));
            return;
        }
        for (Expr v : values.get(axis)) {
            chosen.add(v);
            combine(grid, values, axis + 1, chosen, out);
            chosen.remove(chosen.size() - 1);
        }
    }

    private static Decl.Variant variant(Decl.Grid grid, List<Expr> chosen) {
        List<Expr.Arg> args = new ArrayList<>(grid.args());
        List<Decl.Override> overrides = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Decl.Axis axis = grid.axes().get(i);
            Expr value = chosen.get(i);
            if (axis.target().size() == 1) {
                args.removeIf(a -> axis.target().get(0).equals(a.name()));
                args.add(new Expr.Arg(axis.span(), axis.target().get(0), value));
            } else {
                overrides.add(new Decl.Override(axis.span(), axis.target(), value));
            }
            described.add(String.join(".", axis.target()) + " = " + text(value));
        }
        String name = grid.name().name() + "_" + chosen.stream().map(GridExpansion::nameOf)
                .collect(Collectors.joining("_"));
        String doc = (grid.doc().isEmpty() ? "" : grid.doc() + "\n") + "Grid member: "
                + String.join(", ", described) + ".";
        return new Decl.Variant(grid.span(), new Ident(grid.name().span(), name), grid.base(), args, overrides,
                List.of(), doc);
    }

    private static String text(Expr e) {
        return org.voxarch.compiler.ast.Render.expr(e);
    }

    /** A name part for a value: {@code sum}, {@code 32}, {@code 0p1}, {@code 32x64x64}. */
    private static String nameOf(Expr e) {
        String raw = e instanceof Expr.ListLit l ? l.items().stream().map(i -> nameOf(i.value()))
                .collect(Collectors.joining("x")) : text(e);
        return raw.replace('.', 'p').replace('-', 'm').replaceAll("[^A-Za-z0-9_]", "");
    }
}
