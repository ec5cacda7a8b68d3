package org.voxarch.compiler.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.ir.Expr;
import org.voxarch.compiler.ir.Exprs;
import org.voxarch.compiler.ir.Forward;
import org.voxarch.compiler.ir.ModuleNode;
import org.voxarch.compiler.ir.Stmt;
/**
 * Which of a network's inputs, top-level children and outputs feed which, read off its forward statements.
 * Tensor operations between calls ({@code +}, {@code cat}, ...) are transparent: a value depends on every node
 * whose result flowed into it. Only the statements the elaborated forward pass executed are followed, so branches
 * on network parameters (deep supervision on or off) resolve as they did for this model.
 */
final class Dataflow {
    /** A node of the graph: an input, a top-level child or an output. */
    record Node(String id) {
        static Node input(String name) {
            return new Node("input:" + name);
        }

        static Node child(ModuleNode child) {
            // A child's own name never contains ':', so it cannot collide with the input and output ids.
            return new Node(child.name());
        }

        static Node output(int index) {
            return new Node("output:" + index);
        }
    }

    /** A data dependency; {@code labels} are the spec's local names that carried it, in order of first use. */
    record Edge(Node from, Node to, List<String> labels) {}

    /** A value's origin: the node that produced it and the local name it was read through (or null). */
    private record Flow(Node node, String via) {}

    private record NodePair(Node from, Node to) {}

    private final ModuleNode root;
    private final Set<Span> executed;
    private final Map<String, List<Flow>> locals = new HashMap<>();
    private final Map<NodePair, LinkedHashSet<String>> edges = new LinkedHashMap<>();
    private int outputCount;

    private Dataflow(ModuleNode root) {
        this.root = root;
        this.executed = root.statementShapes().keySet();
    }

    /** The edges of a network's forward, in the order the statements create them, and its number of outputs. */
    static Dataflow of(ModuleNode root, Forward forward) {
        Dataflow flow = new Dataflow(root);
        if (forward != null) {
            for (String param : forward.params()) {
                flow.locals.put(param, List.of(new Flow(Node.input(param), null)));
            }
            flow.walk(forward.body());
        }
        return flow;
    }

    List<Edge> edges() {
        List<Edge> list = new ArrayList<>();
        edges.forEach((pair, labels) -> list.add(new Edge(pair.from(), pair.to(), List.copyOf(labels))));
        return list;
    }

    int outputCount() {
        return outputCount;
    }

    /** Follows statements until a return; true once one returned. */
    private boolean walk(List<Stmt> body) {
        for (Stmt statement : body) {
            if (statement instanceof Stmt.Compound compound) {
                for (List<Stmt> inner : compound.bodies()) {
                    if (walk(inner)) {
                        return true;
                    }
                }
            } else if (!ran(statement)) {
                continue;
            } else if (statement instanceof Stmt.Assign assign) {
                List<Flow> value = eval(assign.value());
                for (String target : assign.targets()) {
                    locals.put(target, value);
                }
            } else if (statement instanceof Stmt.Return ret) {
                outputCount = ret.values().size();
                for (int i = 0; i < outputCount; i++) {
                    connect(eval(ret.values().get(i)), Node.output(i));
                }
                return true;
            }
        }
        return false;
    }

    /** Whether the elaborated forward executed the statement; with no record at all, assume every one did. */
    private boolean ran(Stmt statement) {
        return executed.isEmpty() || executed.contains(statement.span());
    }

    private List<Flow> eval(Expr expr) {
        if (expr instanceof Expr.Ref ref) {
            return read(ref.name());
        }
        if (expr instanceof Expr.Unresolved unresolved) {
            return read(unresolved.text());
        }
        if (expr instanceof Expr.ModuleCall call) {
            return call(call);
        }
        // Tensor operations and constants: whatever flowed into the operands.
        List<Flow> all = List.of();
        for (Expr operand : Exprs.children(expr)) {
            all = union(all, eval(operand));
        }
        return all;
    }

    /** A local or input read by name, a raw tensor of the network, or a constant (no dependency). */
    private List<Flow> read(String name) {
        List<Flow> local = locals.get(name);
        if (local != null) {
            return local.stream().map(f -> new Flow(f.node(), name)).toList();
        }
        ModuleNode child = root.child(name);
        if (child != null && child.isTensor()) {
            return List.of(new Flow(Node.child(child), null));
        }
        return List.of();
    }

    private List<Flow> call(Expr.ModuleCall call) {
        ModuleNode callee = calledChild(call.callee());
        List<Flow> args = List.of();
        for (Expr.Arg arg : call.args()) {
            args = union(args, eval(arg.value()));
        }
        if (callee == null) {
            // A module held in a local: its result depends on whatever flowed into its arguments.
            return args;
        }
        Node node = Node.child(callee);
        connect(args, node);
        return List.of(new Flow(node, null));
    }

    /** The top-level child a callee names ({@code decoder2}, or {@code stages} in {@code stages[0]}), or null. */
    private ModuleNode calledChild(Expr callee) {
        Expr base = callee;
        while (base instanceof Expr.Index index) {
            base = index.target();
        }
        if (!(base instanceof Expr.Ref ref) || locals.containsKey(ref.name())) {
            return null;
        }
        ModuleNode child = root.child(ref.name());
        return child == null || child.isTensor() ? null : child;
    }

    private void connect(List<Flow> sources, Node target) {
        for (Flow source : sources) {
            LinkedHashSet<String> labels = edges.computeIfAbsent(new NodePair(source.node(), target),
                    k -> new LinkedHashSet<>());
            if (source.via() != null) {
                labels.add(source.via());
            }
        }
    }

    private static List<Flow> union(List<Flow> a, List<Flow> b) {
        if (b.isEmpty()) {
            return a;
        }
        LinkedHashSet<Flow> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
