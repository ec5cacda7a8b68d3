package org.voxarch.compiler.eval;

import java.util.List;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/**
 * A value known by its type: two representatives of it (for ints 1 and -1, so that an operator failing on both
 * fails for a reason other than the value), or the value itself when it is a constant ({@code exact}).
 */
record Typed(Value first, Value second, boolean exact) {
    static Typed exact(Value v) {
        return new Typed(v, v, true);
    }

    /** Representatives of a declared type, or null for a type that is not known here. */
    static Typed of(Decl.TypeRef type, Program program) {
        Typed t = switch (type.name()) {
            case "int" -> new Typed(new Value.Int(1), new Value.Int(-1), false);
            case "float" -> new Typed(new Value.Float(1.5), new Value.Float(-2.5), false);
            case "bool" -> new Typed(new Value.Bool(true), new Value.Bool(false), false);
            case "string" -> new Typed(new Value.Str("a"), new Value.Str("b"), false);
            case "size" -> type.listDepth() > 0 ? null
                    : listOf(new Typed(new Value.Int(1), new Value.Int(-1), false));
            default -> program.find(type.name()) instanceof Decl.Enum e && !e.constants().isEmpty()
                    ? new Typed(new Value.EnumConst(type.name(), e.constants().get(0).name()),
                            new Value.EnumConst(type.name(), e.constants().get(e.constants().size() - 1).name()),
                            false)
                    : null;
        };
        for (int k = 0; t != null && k < type.listDepth(); k++) {
            t = listOf(t);
        }
        return t;
    }

    /** A module: calls of blocks and layers, so that an operator on one is refused. */
    static Typed module(Instance instance) {
        return new Typed(new Value.Module(instance), new Value.Module(instance), false);
    }

    static Typed listOf(Typed element) {
        return new Typed(new Value.ListOf(List.of(element.first())), new Value.ListOf(List.of(element.second())),
                false);
    }

    static Typed list(List<Typed> items) {
        return new Typed(new Value.ListOf(items.stream().map(Typed::first).toList()),
                new Value.ListOf(items.stream().map(Typed::second).toList()), items.stream().allMatch(Typed::exact));
    }

    /** The type of an item, or null when there is none to tell it. */
    Typed element() {
        if (first instanceof Value.ListOf a && second instanceof Value.ListOf b && !a.items().isEmpty()
                && !b.items().isEmpty()) {
            return new Typed(a.items().get(0), b.items().get(0), false);
        }
        return null;
    }

    /** Small values of the type, for a function whose cost grows with its arguments ({@code range}). */
    Typed sample() {
        return first instanceof Value.Int && second instanceof Value.Int
                ? new Typed(new Value.Int(2), new Value.Int(3), false) : inexact();
    }

    /** A list cut to its first item (its type), anything else as it is. */
    Typed shortened() {
        if (first instanceof Value.ListOf && second instanceof Value.ListOf) {
            Typed item = element();
            return item == null ? inexact() : listOf(item);
        }
        return this;
    }

    Typed inexact() {
        return new Typed(first, second, false);
    }

    String typeName() {
        return first.typeName();
    }

    /** {@code float 0.5} for a constant, {@code a float} otherwise. */
    String describe() {
        if (exact) {
            return first.describe();
        }
        String name = first.typeName();
        return (name.startsWith("[") ? "a list " : "aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }
}
