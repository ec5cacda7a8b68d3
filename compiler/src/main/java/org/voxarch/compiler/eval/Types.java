package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/** Checks values against declared parameter types, converting where the language allows (int to float). */
public final class Types {
    private Types() {
    }

    /** The declared type as written: {@code int}, {@code [int]}, {@code Fusion}. */
    public static String text(Decl.TypeRef type) {
        return "[".repeat(type.listDepth()) + type.name() + "]".repeat(type.listDepth());
    }

    static Value coerce(Value v, Decl.TypeRef type, Program program, Span at, String what) {
        if (type == null || v instanceof Value.Error) {
            return v;
        }
        return coerce(v, type.name(), type.listDepth(), program, at, what, type);
    }

    private static Value coerce(Value v, String name, int depth, Program program, Span at, String what,
            Decl.TypeRef declared) {
        if (depth > 0) {
            if (!(v instanceof Value.ListOf list)) {
                throw mismatch(v, declared, at, what);
            }
            List<Value> items = new ArrayList<>();
            for (Value item : list.items()) {
                items.add(coerce(item, name, depth - 1, program, at, what, declared));
            }
            return new Value.ListOf(items);
        }
        switch (name) {
            case "int" -> {
                if (v instanceof Value.Int) {
                    return v;
                }
            }
            case "float" -> {
                if (v instanceof Value.Float) {
                    return v;
                }
                if (v instanceof Value.Int i) {
                    return new Value.Float(i.value());
                }
            }
            case "bool" -> {
                if (v instanceof Value.Bool) {
                    return v;
                }
            }
            case "size" -> {
                // A per-axis size given as one int (all three axes) or as three ints.
                if (v instanceof Value.Int i) {
                    return new Value.ListOf(List.of(i, i, i));
                }
                if (v instanceof Value.ListOf l && l.items().size() == 3
                        && l.items().stream().allMatch(x -> x instanceof Value.Int)) {
                    return v;
                }
            }
            case "string" -> {
                if (v instanceof Value.Str) {
                    return v;
                }
            }
            default -> {
                if (!(program.find(name) instanceof Decl.Enum e)) {
                    throw new ArchError(declared.span(), "unknown type '" + name + "'")
                            .withHelp("types are int, float, bool, string, size (one int or three), [T] lists and enum names");
                }
                if (v instanceof Value.EnumConst c && c.fits(name)) {
                    return new Value.EnumConst(name, c.constant());
                }
                if (v instanceof Value.Str s && e.constants().stream().anyMatch(k -> k.name().equals(s.value()))) {
                    return new Value.EnumConst(name, s.value());
                }
                throw mismatch(v, declared, at, what).withHelp("one of: "
                        + String.join(", ", e.constants().stream().map(k -> k.name()).toList()));
            }
        }
        throw mismatch(v, declared, at, what);
    }

    private static ArchError mismatch(Value v, Decl.TypeRef declared, Span at, String what) {
        return new ArchError(at, what + " expects " + text(declared) + " but got " + v.describe());
    }
}
