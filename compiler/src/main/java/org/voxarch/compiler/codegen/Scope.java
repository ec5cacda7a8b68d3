package org.voxarch.compiler.codegen;

import java.util.LinkedHashMap;
import java.util.Map;
import org.voxarch.compiler.ir.Expr;
import org.voxarch.compiler.ir.Resolver;

/**
 * Names visible while translating one block: spec name to its Java expression and type. It is also the resolver the
 * IR lowers expressions against, so a name has the same type in the IR and in generated code.
 */
final class Scope implements Resolver {
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

    @Override
    public Resolved lookup(String spec) {
        Sym sym = get(spec);
        return sym == null ? null : new Resolved(sym.type().ir(), switch (sym.kind()) {
            case PARAM -> Expr.Binding.PARAMETER;
            case LET -> Expr.Binding.CONSTANT;
            case CHILD, TENSOR_PARAM -> Expr.Binding.CHILD;
            case LOCAL -> Expr.Binding.LOCAL;
            case LOOP -> Expr.Binding.LOOP;
            case BATCH -> Expr.Binding.BATCH;
        });
    }

    boolean has(String spec) {
        return get(spec) != null;
    }
}
