package org.voxarch.compiler.report;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.voxarch.compiler.ir.ModuleNode;
import org.voxarch.compiler.ir.NetworkIr;
import org.voxarch.compiler.model.Shape;

/**
 * The dataflow of a network as a Graphviz digraph: its inputs, each top-level child with its type and output
 * shape, and its outputs, with an edge for every data dependency of the forward (labelled with the spec's local
 * names). The text is deterministic: the same model always gives the same bytes.
 */
public final class DotGraph {
    /** The message when Graphviz is missing, the same wherever SVG output is asked for. */
    public static final String DOT_NOT_FOUND = "Graphviz 'dot' not found; install graphviz or write .dot";

    private DotGraph() {
    }

    /** The DOT text of the network's top-level dataflow. */
    public static String render(NetworkIr model) {
        ModuleNode root = model.root();
        Dataflow flow = Dataflow.of(root, model.forward());
        StringBuilder out = new StringBuilder();
        out.append("digraph ").append(quote(model.name())).append(" {\n");
        out.append("  rankdir=TB;\n");
        out.append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        out.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        for (Map.Entry<String, Shape> input : inputs(model).entrySet()) {
            node(out, Dataflow.Node.input(input.getKey()), input.getKey() + "\n" + input.getValue(), "oval");
        }
        for (ModuleNode.Entry e : root.entries()) {
            if (!e.alias()) {
                node(out, Dataflow.Node.child(e.child()), childLabel(e.child()), e.child().isTensor() ? "note" : null);
            }
        }
        for (int i = 0; i < flow.outputCount(); i++) {
            String name = flow.outputCount() == 1 ? "output" : "output " + i;
            String shape = i < model.outputs().size() ? "\n" + model.outputs().get(i) : "";
            node(out, Dataflow.Node.output(i), name + shape, "oval");
        }
        for (Dataflow.Edge edge : flow.edges()) {
            out.append("  ").append(quote(edge.from().id())).append(" -> ").append(quote(edge.to().id()));
            if (!edge.labels().isEmpty()) {
                out.append(" [label=").append(quote(String.join(", ", edge.labels()))).append(']');
            }
            out.append(";\n");
        }
        return out.append("}\n").toString();
    }

    /**
     * Renders DOT text to an SVG file with Graphviz's {@code dot -Tsvg}.
     *
     * @throws IOException with {@link #DOT_NOT_FOUND} when {@code dot} is not on the PATH, or with dot's own
     *                     message when it fails
     */
    public static void writeSvg(String dot, Path svg) throws IOException {
        writeSvg(dot, svg, System.getenv("PATH"));
    }

    /** As {@link #writeSvg(String, Path)}, looking for {@code dot} in the directories of {@code searchPath}. */
    static void writeSvg(String dot, Path svg, String searchPath) throws IOException {
        Path executable = findExecutable("dot", searchPath).orElseThrow(() -> new IOException(DOT_NOT_FOUND));
        Path parent = svg.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // dot reads a file rather than stdin, so its combined output can be read without risk of a pipe deadlock.
        Path source = Files.createTempFile("voxarch-graph", ".dot");
        try {
            Files.writeString(source, dot, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(executable.toString(), "-Tsvg", "-o", svg.toString(),
                    source.toString()).redirectErrorStream(true).start();
            String messages = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException("Graphviz 'dot' failed (exit " + exit + ")"
                        + (messages.isEmpty() ? "" : ": " + messages));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for Graphviz 'dot'");
        } finally {
            Files.deleteIfExists(source);
        }
    }

    static Optional<Path> findExecutable(String name, String searchPath) {
        if (searchPath == null || searchPath.isEmpty()) {
            return Optional.empty();
        }
        List<String> candidates = List.of(name, name + ".exe");
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String candidate : candidates) {
                Path path = Path.of(dir, candidate);
                if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                    return Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }

    /** Declared inputs by the forward's parameter names, which are the names the dataflow reads. */
    private static Map<String, Shape> inputs(NetworkIr model) {
        org.voxarch.compiler.ir.Forward forward = model.forward();
        if (forward == null || forward.params().size() != model.inputs().size()) {
            return model.inputs();
        }
        Map<String, Shape> byParam = new LinkedHashMap<>();
        List<Shape> shapes = new ArrayList<>(model.inputs().values());
        for (int i = 0; i < shapes.size(); i++) {
            byParam.put(forward.params().get(i), shapes.get(i));
        }
        return byParam;
    }

    private static String childLabel(ModuleNode child) {
        if (child.isTensor()) {
            return child.name() + "\n" + child.kindLabel() + " " + child.tensorShape();
        }
        return child.name() + "\n" + child.typeName() + "\n" + OutputText.of(child.output(), "\n");
    }

    private static void node(StringBuilder out, Dataflow.Node node, String label, String shape) {
        out.append("  ").append(quote(node.id())).append(" [");
        if (shape != null) {
            out.append("shape=").append(shape).append(", ");
        }
        out.append("label=").append(quote(label)).append("];\n");
    }

    /** A DOT double-quoted string: backslashes and quotes escaped, line breaks as DOT's centred {@code \n}. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> { }
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
