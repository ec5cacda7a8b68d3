package org.voxarch.compiler.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.diag.Span;

/**
 * One node of an elaborated network: a block, a primitive layer, a container, or a raw parameter or buffer, with
 * its concrete parameter values, its children in registration order, and what shape inference learned about it.
 */
public final class Instance {
    public enum Kind { NETWORK, BLOCK, PRIMITIVE, SEQUENTIAL, MODULE_LIST, PARAM, BUFFER }

    /** A registered name: a child, or (when {@code alias}) a second name for an earlier child. */
    public record Entry(String name, Instance child, boolean alias) {}

    private final Kind kind;
    private final String typeName;
    private final Span createdAt;
    private final Decl.Block decl;
    private final LinkedHashMap<String, Value> args = new LinkedHashMap<>();
    private final Map<String, Span> argOrigins = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<Span, String> statementShapes = new LinkedHashMap<>();
    private String name = "";
    private Instance parent;
    private boolean realized;
    private long[] tensorShape;
    private String dtype = "float32";
    private Value.Init init;
    private Value output;
    private long ownFlops;
    private long ownActivations;
    private Decl.Replacement replacement;
    private String replacedType;

    public Instance(Kind kind, String typeName, Span createdAt, Decl.Block decl) {
        this.kind = kind;
        this.typeName = typeName;
        this.createdAt = createdAt;
        this.decl = decl;
    }

    public static Instance tensor(Kind kind, long[] shape, Value.Init init, Span createdAt) {
        Instance t = new Instance(kind, kind == Kind.PARAM ? "param" : "buffer", createdAt, null);
        t.tensorShape = shape.clone();
        t.init = init;
        return t;
    }

    public Kind kind() {
        return kind;
    }

    public String typeName() {
        return typeName;
    }

    public String kindLabel() {
        return switch (kind) {
            case NETWORK -> "network";
            case BLOCK -> "block";
            case PRIMITIVE -> "layer";
            case SEQUENTIAL, MODULE_LIST -> "container";
            case PARAM -> "parameter";
            case BUFFER -> "buffer";
        };
    }

    public boolean isTensor() {
        return kind == Kind.PARAM || kind == Kind.BUFFER;
    }

    public Span createdAt() {
        return createdAt;
    }

    public Decl.Block decl() {
        return decl;
    }

    public LinkedHashMap<String, Value> args() {
        return args;
    }

    public Map<String, Span> argOrigins() {
        return argOrigins;
    }

    public List<Entry> entries() {
        return entries;
    }

    public Instance child(String childName) {
        for (Entry e : entries) {
            if (e.name().equals(childName)) {
                return e.child();
            }
        }
        return null;
    }

    public void attach(String childName, Instance child, boolean alias) {
        entries.add(new Entry(childName, child, alias));
        if (!alias) {
            child.parent = this;
            child.name = childName;
        }
    }

    /** Puts {@code child} in place of the (not yet realised) child registered as {@code childName}. */
    public void replace(String childName, Instance child) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.name().equals(childName) && !e.alias()) {
                entries.set(i, new Entry(childName, child, false));
                child.parent = this;
                child.name = childName;
                e.child().parent = null;
                return;
            }
        }
        throw new IllegalArgumentException("no child " + childName + " in " + this);
    }

    /** Records that a variant's {@code :=} built this instance in place of a {@code replacedType}. */
    public void markReplacement(Decl.Replacement by, String replacedType) {
        this.replacement = by;
        this.replacedType = replacedType;
    }

    /** The variant's replacement that built this instance, or null. */
    public Decl.Replacement replacement() {
        return replacement;
    }

    /** The type of the child this instance replaced, or null. */
    public String replacedType() {
        return replacedType;
    }

    public boolean isAttached() {
        return parent != null;
    }

    public void makeRoot(String rootName) {
        this.name = rootName;
    }

    public String name() {
        return name;
    }

    /** The dotted path from the network root, which is also the state-dict prefix. "" for the root. */
    public String path() {
        if (parent == null) {
            return "";
        }
        String above = parent.path();
        return above.isEmpty() ? name : above + "." + name;
    }

    public Instance parent() {
        return parent;
    }

    public boolean realized() {
        return realized;
    }

    public void markRealized() {
        realized = true;
    }

    public long[] tensorShape() {
        return tensorShape == null ? null : tensorShape.clone();
    }

    public String dtype() {
        return dtype;
    }

    public void setDtype(String dtype) {
        this.dtype = dtype;
    }

    public Value.Init init() {
        return init;
    }

    public long numel() {
        long n = 1;
        for (long d : tensorShape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The value of the first forward call through this instance, or null if it was never called. */
    public Value output() {
        return output;
    }

    public void recordOutput(Value value) {
        if (output == null) {
            output = value;
        }
    }

    /** Adds FLOPs of one call; ArithmeticException when the count exceeds a long (never a wrapped count). */
    public void addFlops(long flops) {
        ownFlops = Math.addExact(ownFlops, flops);
    }

    public long ownFlops() {
        return ownFlops;
    }

    /** Counts elements of a tensor this instance's forward produced (on any call; see totalActivations). */
    public void addActivations(long elements) {
        // An estimate: past 2^63 elements it stays at the largest long rather than wrap.
        ownActivations = elements > Long.MAX_VALUE - ownActivations ? Long.MAX_VALUE : ownActivations + elements;
    }

    /**
     * Elements of every tensor the forward produces in this subtree for one sample: each layer's output and each
     * tensor operation's result, on every call. Training keeps most of them for the backward pass (element-wise
     * additions keep none, views share memory), so this approximates, from above, the activation memory of one
     * training sample.
     */
    public long totalActivations() {
        long total = ownActivations;
        for (Entry e : entries) {
            if (!e.alias()) {
                long child = e.child().totalActivations();
                total = child > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + child;
            }
        }
        return total;
    }

    /** Shapes of this block's forward statements on its first call, for comments in generated code. */
    public Map<Span, String> statementShapes() {
        return statementShapes;
    }

    /** FLOPs of one forward pass through this subtree (one sample), fvcore convention. */
    public long totalFlops() {
        long total = ownFlops;
        for (Entry e : entries) {
            if (!e.alias()) {
                total = Math.addExact(total, e.child().totalFlops());
            }
        }
        return total;
    }

    /** Parameters in this subtree, each tensor counted once. */
    public long parameterCount() {
        if (kind == Kind.PARAM) {
            return numel();
        }
        long total = 0;
        for (Entry e : entries) {
            if (!e.alias()) {
                total = Math.addExact(total, e.child().parameterCount());
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return (parent == null ? "<root>" : path()) + " (" + typeName + ")";
    }
}
