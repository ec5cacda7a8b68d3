package org.voxarch.compiler.ir;

import java.util.List;
import org.voxarch.compiler.diag.Span;

/**
 * A spec block (or network), resolved and typed: its parameters, constants and children in declaration order, its
 * forward, and the instances elaboration built of it (each with the shapes its forward statements computed).
 *
 * @param forward   null for a block without a forward
 * @param instances the elaborated instances of this block in the networks it was built for, in build order
 */
public record BlockIr(String name, boolean network, Span span, List<Param> params, List<Member> members,
        Forward forward, List<ModuleNode> instances) {
    public BlockIr {
        params = List.copyOf(params);
        members = List.copyOf(members);
        instances = List.copyOf(instances);
    }

    /**
     * A block parameter.
     *
     * @param declared     whether the spec wrote its type; an untyped parameter takes its default's type
     * @param defaultValue null when the parameter has none
     */
    public record Param(Span span, String name, Type type, boolean declared, Expr defaultValue) {}

    /** A constant or a child, as the block body declares it. */
    public sealed interface Member {
        Span span();

        String name();

        Type type();

        /** Whether it is declared under an {@code if} of the body. */
        boolean conditional();
    }

    /** {@code let name = value}. */
    public record Let(Span span, String name, Type type, Expr value, boolean conditional) implements Member {}

    /** {@code name = value}: a child module, raw tensor, or an alias of an earlier child. */
    public record Child(Span span, String name, Type type, Expr value, boolean conditional) implements Member {}

    /** The parameter named {@code name}, or null. */
    public Param param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
