package org.voxarch.compiler.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compiler's packages depend on each other without cycles, so each can be read, tested and replaced from the
 * bottom up. Dependencies are read from the sources: imports and fully qualified names of the compiler's classes.
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java/org/voxarch/compiler");
    private static final Pattern REFERENCE = Pattern.compile("org\\.voxarch\\.compiler\\.([a-z]+)\\.[A-Z]");

    @Test
    void packagesFormNoCycle() {
        Map<String, Set<String>> graph = packageGraph();
        List<String> cycle = findCycle(graph);
        assertTrue(cycle.isEmpty(), () -> "package cycle " + String.join(" -> ", cycle) + "\nin " + graph);
    }

    @Test
    void cycleFinderFindsACycle() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a")));
        assertEquals(List.of("a", "b", "c", "a"), findCycle(graph));
        assertEquals(List.of(), findCycle(Map.of("a", Set.of("b"), "b", Set.of())));
    }

    /** Package (relative to {@code org.voxarch.compiler}, the root itself as "") to the packages it uses. */
    static Map<String, Set<String>> packageGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path dir = SOURCES.relativize(file.getParent());
                String from = dir.toString().replace('/', '.');
                Set<String> uses = graph.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        uses.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** A cycle as the packages along it (first repeated at the end), or an empty list. */
    static List<String> findCycle(Map<String, Set<String>> graph) {
        Set<String> done = new TreeSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            List<String> cycle = visit(start, graph, new ArrayList<>(), done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, List<String> path,
            Set<String> done) {
        int seen = path.indexOf(node);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(node);
            return cycle;
        }
        if (done.contains(node)) {
            return List.of();
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> cycle = visit(next, graph, path, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return List.of();
    }
}
