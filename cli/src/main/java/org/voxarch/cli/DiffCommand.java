package org.voxarch.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.StateKey;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What differs between two networks or variants, and where each value was set. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show the parameters, block overrides, sizes and weight keys that differ between two variants.")
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A")
    String first;

    @Parameters(index = "1", paramLabel = "B")
    String second;

    @Option(names = "--spec", paramLabel = "FILE", description = "Take both from this .arch file.")
    Path spec;

    @Override
    public Integer call() {
        Program program = spec == null ? Compiler.loadBundled() : Compiler.loadFiles(List.of(spec));
        NetworkModel a = Compiler.elaborate(program, first, Map.of());
        NetworkModel b = Compiler.elaborate(program, second, Map.of());
        System.out.println("--- " + a.name());
        System.out.println("+++ " + b.name());
        Set<String> names = new LinkedHashSet<>(a.parameters().keySet());
        names.addAll(b.parameters().keySet());
        for (String n : names) {
            Value va = a.parameters().get(n);
            Value vb = b.parameters().get(n);
            if (!Objects.equals(String.valueOf(va), String.valueOf(vb))) {
                System.out.printf("parameter %s: %s (%s) -> %s (%s)%n", n, va, origin(a, n), vb, origin(b, n));
            }
        }
        Map<String, Map<String, Value>> overrides = new LinkedHashMap<>(a.blockOverrides());
        b.blockOverrides().forEach(overrides::putIfAbsent);
        for (String block : overrides.keySet()) {
            Map<String, Value> oa = a.blockOverrides().getOrDefault(block, Map.of());
            Map<String, Value> ob = b.blockOverrides().getOrDefault(block, Map.of());
            if (!oa.toString().equals(ob.toString())) {
                System.out.printf("override %s: %s -> %s%n", block, oa, ob);
            }
        }
        System.out.printf("parameters: %,d -> %,d%n", a.parameterCount(), b.parameterCount());
        System.out.printf("FLOPs: %.2f G -> %.2f G%n", a.flops() / 1e9, b.flops() / 1e9);
        Map<String, String> ka = keys(a);
        Map<String, String> kb = keys(b);
        int shown = 0;
        for (var e : ka.entrySet()) {
            String other = kb.get(e.getKey());
            if (other == null) {
                shown += line("- " + e.getKey() + " " + e.getValue(), shown);
            } else if (!other.equals(e.getValue())) {
                shown += line("~ " + e.getKey() + " " + e.getValue() + " -> " + other, shown);
            }
        }
        for (var e : kb.entrySet()) {
            if (!ka.containsKey(e.getKey())) {
                shown += line("+ " + e.getKey() + " " + e.getValue(), shown);
            }
        }
        if (shown > 40) {
            System.out.println("  ... " + (shown - 40) + " more key differences");
        }
        return 0;
    }

    private static int line(String text, int shownSoFar) {
        if (shownSoFar < 40) {
            System.out.println(text);
        }
        return 1;
    }

    private static Map<String, String> keys(NetworkModel m) {
        Map<String, String> out = new LinkedHashMap<>();
        for (StateKey k : m.stateKeys()) {
            out.put(k.key(), k.shapeText());
        }
        return out;
    }

    private static String origin(NetworkModel m, String parameter) {
        Span s = m.root().argOrigins().get(parameter);
        return s == null ? "?" : "set at " + s.location();
    }
}
