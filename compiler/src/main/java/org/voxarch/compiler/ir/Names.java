package org.voxarch.compiler.ir;

import java.util.HashMap;
import java.util.Map;

/** The names visible while lowering one block: each name's static type and what it refers to. */
final class Names implements Resolver {
    private final Resolver parent;
    private final Map<String, Resolved> symbols = new HashMap<>();

    Names(Resolver parent) {
        this.parent = parent;
    }

    void put(String name, Type type, Expr.Binding binding) {
        symbols.put(name, new Resolved(type, binding));
    }

    public Resolved lookup(String name) {
        Resolved own = symbols.get(name);
        return own != null || parent == null ? own : parent.lookup(name);
    }

    Resolved get(String name) {
        return lookup(name);
    }

    boolean has(String name) {
        return lookup(name) != null;
    }
}
