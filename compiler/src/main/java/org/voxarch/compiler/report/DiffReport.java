package org.voxarch.compiler.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.ir.Constant;
import org.voxarch.compiler.ir.ModuleNode;
import org.voxarch.compiler.ir.NetworkIr;
import org.voxarch.compiler.model.StateKey;

/**
 * What differs between two networks or variants: parameters (and where each was set), block-wide and path
 * overrides, replaced children, sizes, and the weight keys added, removed or reshaped.
 */
public final class DiffReport {
    /** Key differences shown unless every one is asked for. */
    public static final int KEYS_SHOWN = 40;
    private static final String ABSENT = "(not set)";

    private DiffReport() {
    }

    /** The differences from {@code a} to {@code b}; {@code allKeys}: list every key difference. */
    public static String render(NetworkIr a, NetworkIr b, boolean allKeys) {
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(a.name()).append('\n');
        out.append("+++ ").append(b.name()).append('\n');
        Set<String> names = new LinkedHashSet<>(a.parameters().keySet());
        names.addAll(b.parameters().keySet());
        for (String n : names) {
            if (!Objects.equals(String.valueOf(a.parameters().get(n)), String.valueOf(b.parameters().get(n)))) {
                out.append("parameter ").append(n).append(": ").append(parameter(a, n)).append(" -> ")
                        .append(parameter(b, n)).append('\n');
            }
        }
        changed(out, "override", overrides(a), overrides(b));
        changed(out, "replaced", replacements(a.root()), replacements(b.root()));
        out.append(String.format("parameters: %,d -> %,d%n", a.parameterCount(), b.parameterCount()));
        out.append("FLOPs: ").append(Quantities.flops(a.flops())).append(" -> ").append(Quantities.flops(b.flops()))
                .append('\n');
        out.append(String.format("training activations per sample: %s -> %s%n",
                Quantities.bytes(a.trainingActivationBytes()), Quantities.bytes(b.trainingActivationBytes())));
        keys(out, a, b, allKeys);
        return out.toString();
    }

    /**
     * The same differences in one line, for a table with a row per network ({@code voxarch ablate}): parameters and
     * overrides that differ, the replaced children (counted by what replaces what) and how many weight keys were
     * added, removed or reshaped; {@code none} when nothing differs.
     */
    public static String oneLine(NetworkIr a, NetworkIr b) {
        List<String> parts = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(a.parameters().keySet());
        names.addAll(b.parameters().keySet());
        for (String n : names) {
            String va = String.valueOf(a.parameters().get(n));
            String vb = String.valueOf(b.parameters().get(n));
            if (!va.equals(vb)) {
                parts.add(n + ": " + va + " -> " + vb);
            }
        }
        Map<String, String> oa = overrides(a);
        overrides(b).forEach((t, v) -> {
            if (!v.equals(oa.get(t))) {
                parts.add(t + " = " + v);
            }
        });
        Map<String, Integer> replaced = new LinkedHashMap<>();
        Map<String, String> ra = replacements(a.root());
        replacements(b.root()).forEach((path, what) -> {
            if (!what.equals(ra.get(path))) {
                replaced.merge(what, 1, Integer::sum);
            }
        });
        replaced.forEach((what, n) -> parts.add(what + " (" + n + (n == 1 ? " child)" : " children)")));
        Map<String, String> ka = shapes(a);
        Map<String, String> kb = shapes(b);
        long removed = ka.keySet().stream().filter(k -> !kb.containsKey(k)).count();
        long added = kb.keySet().stream().filter(k -> !ka.containsKey(k)).count();
        long reshaped = ka.entrySet().stream().filter(e -> kb.containsKey(e.getKey())
                && !kb.get(e.getKey()).equals(e.getValue())).count();
        if (removed + added + reshaped > 0) {
            parts.add("weight keys +" + added + " -" + removed + " ~" + reshaped);
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static String parameter(NetworkIr m, String name) {
        Constant v = m.parameters().get(name);
        if (v == null) {
            return "(no such parameter)";
        }
        Span s = m.root().argOrigins().get(name);
        return s == null ? v.toString() : v + " (set at " + s.location() + ")";
    }

    /** One line per target whose text differs between the two maps. */
    private static void changed(StringBuilder out, String label, Map<String, String> a, Map<String, String> b) {
        Set<String> targets = new LinkedHashSet<>(a.keySet());
        targets.addAll(b.keySet());
        for (String t : targets) {
            String va = a.getOrDefault(t, ABSENT);
            String vb = b.getOrDefault(t, ABSENT);
            if (!Objects.equals(va, vb)) {
                out.append(label).append(' ').append(t).append(": ").append(va).append(" -> ").append(vb)
                        .append('\n');
            }
        }
    }

    /** Block-wide overrides (the values the instances hold) and path overrides (as written), by target. */
    private static Map<String, String> overrides(NetworkIr m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.blockOverrides().forEach((block, values) -> values.forEach((p, v) -> out.put(block + "." + p,
                v.toString())));
        m.pathOverrides().forEach(out::putIfAbsent);
        return out;
    }

    /** Each replaced child's path, with what it was and what replaces it. */
    private static Map<String, String> replacements(ModuleNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        List<ModuleNode> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            ModuleNode inst = stack.remove(0);
            if (inst.replacement() != null) {
                out.put(inst.path(), inst.replacedType() + " by " + inst.replacement());
            }
            for (ModuleNode.Entry e : inst.entries()) {
                if (!e.alias()) {
                    stack.add(e.child());
                }
            }
        }
        return out;
    }

    private static void keys(StringBuilder out, NetworkIr a, NetworkIr b, boolean all) {
        Map<String, String> ka = shapes(a);
        Map<String, String> kb = shapes(b);
        List<String> lines = new ArrayList<>();
        int removed = 0;
        int added = 0;
        int reshaped = 0;
        for (var e : ka.entrySet()) {
            String other = kb.get(e.getKey());
            if (other == null) {
                lines.add("- " + e.getKey() + " " + e.getValue());
                removed++;
            } else if (!other.equals(e.getValue())) {
                lines.add("~ " + e.getKey() + " " + e.getValue() + " -> " + other);
                reshaped++;
            }
        }
        for (var e : kb.entrySet()) {
            if (!ka.containsKey(e.getKey())) {
                lines.add("+ " + e.getKey() + " " + e.getValue());
                added++;
            }
        }
        out.append("weight keys: ").append(removed).append(" removed, ").append(added).append(" added, ")
                .append(reshaped).append(" reshaped\n");
        int shown = all ? lines.size() : Math.min(KEYS_SHOWN, lines.size());
        lines.subList(0, shown).forEach(l -> out.append(l).append('\n'));
        if (shown < lines.size()) {
            out.append("... ").append(lines.size() - shown).append(" more key differences (--all lists every one)\n");
        }
    }

    private static Map<String, String> shapes(NetworkIr m) {
        Map<String, String> out = new LinkedHashMap<>();
        for (StateKey k : m.stateKeys()) {
            out.put(k.key(), k.shapeText());
        }
        return out;
    }
}
