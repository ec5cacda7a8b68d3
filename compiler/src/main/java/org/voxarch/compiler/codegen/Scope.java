package org.voxarch.compiler.codegen;

import java.util.LinkedHashMap;
import java.util.Map;

/** Names visible while translating one block: spec name to its Java expression and type. */
final class Scope {
    enum Kind { PARAM, LET, CHILD, TENSOR_PARAM, LOCAL, LOOP, BATCH }

    record Sym(String java, JType type, Kind kind) {}

    private final Scope parent;
    private final Map<String, Sym> names = new LinkedHashMap<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    void put(String spec, Sym sym) {
        names.put(spec, sym);
    }

    Sym get(String spec) {
        for (Scope s = this; s != null; s = s.parent) {
            Sym sym = s.names.get(spec);
            if (sym != null) {
                return sym;
            }
        }
        return null;
    }

    boolean has(String spec) {
        return get(spec) != null;
    }
}
