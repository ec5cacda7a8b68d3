package org.voxarch.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.StateKey;

/**
 * What sets a network apart from a base network, in one line for a table: the parameters and block-wide overrides
 * that differ, the children it replaces, and how many weight keys were added, removed or reshaped
 * ({@code voxarch diff} lists them all).
 */
final class ModelDifferences {
    private ModelDifferences() {
    }

    /** @return e.g. {@code ef: shared -> separate; weights +16 -0 ~0}, or {@code none} */
    static String describe(NetworkModel base, NetworkModel other) {
        List<String> parts = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(base.parameters().keySet());
        names.addAll(other.parameters().keySet());
        for (String n : names) {
            String a = String.valueOf(base.parameters().get(n));
            String b = String.valueOf(other.parameters().get(n));
            if (!a.equals(b)) {
                parts.add(n + ": " + a + " -> " + b);
            }
        }
        Set<String> blocks = new LinkedHashSet<>(base.blockOverrides().keySet());
        blocks.addAll(other.blockOverrides().keySet());
        for (String block : blocks) {
            Object a = base.blockOverrides().getOrDefault(block, Map.of());
            Object b = other.blockOverrides().getOrDefault(block, Map.of());
            if (!Objects.equals(a.toString(), b.toString())) {
                parts.add(block + " " + a + " -> " + b);
            }
        }
        Map<String, String> replacedA = replacements(base);
        replacements(other).forEach((target, with) -> {
            if (!with.equals(replacedA.get(target))) {
                parts.add(target + " := " + with);
            }
        });
        replacedA.keySet().stream().filter(t -> !replacements(other).containsKey(t))
                .forEach(t -> parts.add(t + " not replaced"));
        Map<String, String> keysA = shapes(base);
        Map<String, String> keysB = shapes(other);
        long added = keysB.keySet().stream().filter(k -> !keysA.containsKey(k)).count();
        long removed = keysA.keySet().stream().filter(k -> !keysB.containsKey(k)).count();
        long reshaped = keysA.entrySet().stream()
                .filter(e -> keysB.containsKey(e.getKey()) && !keysB.get(e.getKey()).equals(e.getValue())).count();
        if (added + removed + reshaped > 0) {
            parts.add("weights +" + added + " -" + removed + " ~" + reshaped);
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    /** The variant's child replacements: target path to the replacing block's name. */
    private static Map<String, String> replacements(NetworkModel m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m.variant() != null) {
            for (Decl.Replacement r : m.variant().replacements()) {
                out.put(r.targetText(), r.value() instanceof Expr.Call c ? Render.expr(c.callee())
                        : Render.expr(r.value()));
            }
        }
        return out;
    }

    private static Map<String, String> shapes(NetworkModel m) {
        Map<String, String> out = new LinkedHashMap<>();
        for (StateKey k : m.stateKeys()) {
            out.put(k.key(), k.shapeText());
        }
        return out;
    }
}
