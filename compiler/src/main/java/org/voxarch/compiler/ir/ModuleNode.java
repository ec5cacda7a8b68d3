package org.voxarch.compiler.ir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Shape;

/**
 * One module of an elaborated network, frozen: its type and place in the tree, its arguments as typed constants,
 * its children in registration order, and what elaboration learned about it (output, FLOPs, activations, the shape
 * of each forward statement it executed).
 *
 * @param path            the dotted path from the root, which is also the state-dict prefix; "" for the root
 * @param args            parameter values, by name, in declaration order
 * @param argOrigins      where each argument was set (a variant, {@code --set}), when not at its default
 * @param tensorShape     a raw parameter's or buffer's shape, else null
 * @param output          what the first forward call through it produced, or null when never called
 * @param statementShapes the shape of each forward statement on its first call, by the statement's span; the
 *                        statements it executed
 * @param replacement     how a variant's {@code :=} replaced it ({@code "Block by Expr(...)"}-style text), or null
 */
public record ModuleNode(Kind kind, String typeName, String kindLabel, String name, String path, Span createdAt,
        Map<String, Constant> args, Map<String, Span> argOrigins, List<Entry> entries, Shape tensorShape,
        String dtype, Constant output, long ownFlops, long totalFlops, long totalActivations, long parameterCount,
        Map<Span, String> statementShapes, String replacedType, String replacement) {

    public enum Kind { NETWORK, BLOCK, PRIMITIVE, SEQUENTIAL, MODULE_LIST, PARAM, BUFFER }

    /** A registered name: a child, or (when {@code alias}) a second name for a module registered earlier. */
    public record Entry(String name, ModuleNode child, boolean alias) {}

    public ModuleNode {
        args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
        argOrigins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(argOrigins));
        entries = List.copyOf(entries);
        statementShapes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statementShapes));
    }

    public boolean isTensor() {
        return kind == Kind.PARAM || kind == Kind.BUFFER;
    }

    /** The child registered under {@code childName} (aliases included), or null. */
    public ModuleNode child(String childName) {
        for (Entry e : entries) {
            if (e.name().equals(childName)) {
                return e.child();
            }
        }
        return null;
    }
}
