package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
        if (BUILT_IN.contains(name)) {
            Value converted = builtIn(v, name);
            if (converted != null) {
                return converted;
            }
            throw mismatch(v, declared, at, what);
        }
        if (!(program.find(name) instanceof Decl.Enum e)) {
            throw new ArchError(declared.span(), "unknown type '" + name + "'")
                    .withHelp("types are int, float, bool, string, size (one int or three), [T] lists and enum names");
        }
        if (v instanceof Value.EnumConst c && c.fits(name)) {
            return new Value.EnumConst(name, c.constant());
        }
        if (v instanceof Value.Str s && e.constants().stream().anyMatch(k -> k.name().equals(s.value()))) {
            throw mismatch(v, declared, at, what).withHelp("an enum constant is written without quotes: "
                    + s.value());
        }
        throw mismatch(v, declared, at, what).withHelp("one of: "
                + String.join(", ", e.constants().stream().map(k -> k.name()).toList()));
    }

    private static final Set<String> BUILT_IN = Set.of("int", "float", "bool", "size", "string");

    /**
     * {@code v} as a value of the built-in type {@code name} (int, float, bool, string, or size: one int for all
     * three axes or three ints), an int widened to a float; null when it is not one. Layer arguments use the same
     * rules as block parameters.
     */
    static Value builtIn(Value v, String name) {
        return switch (name) {
            case "int" -> v instanceof Value.Int ? v : null;
            case "float" -> v instanceof Value.Float ? v : v instanceof Value.Int i ? new Value.Float(i.value()) : null;
            case "bool" -> v instanceof Value.Bool ? v : null;
            case "string" -> v instanceof Value.Str ? v : null;
            case "size" -> v instanceof Value.Int i ? new Value.ListOf(List.of(i, i, i))
                    : v instanceof Value.ListOf l && l.items().size() == 3
                            && l.items().stream().allMatch(x -> x instanceof Value.Int) ? v : null;
            default -> throw new IllegalArgumentException("not a built-in type: " + name);
        };
    }

    private static ArchError mismatch(Value v, Decl.TypeRef declared, Span at, String what) {
        return withIntHint(new ArchError(at, what + " expects " + text(declared) + " but got " + v.describe()),
                text(declared), v);
    }

    /**
     * A whole float where an int is expected most often comes from {@code a ** b}, which is a float unless its
     * exponent is known from the source to be natural (see builtins.Exponents): say so and name the fix.
     */
    static ArchError withIntHint(ArchError error, String expected, Value got) {
        if (expected.equals("int") && got instanceof Value.Float f && f.value() == Math.rint(f.value())
                && !Double.isInfinite(f.value())) {
            return error.withHelp("if it comes from a ** b: a power of ints is a float unless its exponent is a "
                    + "literal, len(...) or a range variable; write int(...) around it to use it as an int");
        }
        return error;
    }
}
