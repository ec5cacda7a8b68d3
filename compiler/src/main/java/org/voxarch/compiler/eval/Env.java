package org.voxarch.compiler.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.voxarch.compiler.model.Value;

/** Names in scope: a block's parameters, constants and children, forward locals, comprehension variables. */
final class Env {
    /** INPUT: an input of forward, as long as it is not reassigned (then it is LOCAL). */
    enum Kind { PARAM, LET, CHILD, INPUT, LOCAL, LOOP }

    record Binding(Value value, Kind kind) {}

    private final Env parent;
    private final Map<String, Binding> names = new LinkedHashMap<>();

    Env(Env parent) {
        this.parent = parent;
    }

    void define(String name, Value value, Kind kind) {
        names.put(name, new Binding(value, kind));
    }

    Binding lookup(String name) {
        for (Env e = this; e != null; e = e.parent) {
            Binding b = e.names.get(name);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    boolean definesLocally(String name) {
        return names.containsKey(name);
    }

    Map<String, Binding> local() {
        return names;
    }

    /** All names visible here, for "did you mean" hints. */
    java.util.Set<String> visibleNames() {
        java.util.Set<String> all = new java.util.TreeSet<>();
        for (Env e = this; e != null; e = e.parent) {
            all.addAll(e.names.keySet());
        }
        return all;
    }
}
