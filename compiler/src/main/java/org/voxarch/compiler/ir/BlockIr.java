package org.voxarch.compiler.ir;

import java.util.List;
import org.voxarch.compiler.diag.Span;

/**
 * A spec block (or network), resolved and typed: its parameters, its body (constants, children, branches,
 * requirements, initialisation rules) in declaration order, its forward, and the instances elaboration built of it
 * (each with the shapes its forward statements computed).
 *
 * @param doc       the {@code ///} comment above the declaration, or ""
 * @param forward   null for a block without a forward
 * @param instances the elaborated instances of this block in the networks it was built for, in build order
 */
public record BlockIr(String name, boolean network, Span span, String doc, List<Param> params,
        List<BodyStmt> body, Forward forward, List<ModuleNode> instances) {
    public BlockIr {
        params = List.copyOf(params);
        body = List.copyOf(body);
        instances = List.copyOf(instances);
    }

    /**
     * A block parameter.
     *
     * @param declared     whether the spec wrote its type; an untyped parameter takes its default's type
     * @param size         whether it is declared {@code size} (a list of ints that one int may stand for)
     * @param defaultValue null when the parameter has none
     * @param defaultText  the default as written (for documentation), or null
     * @param reads        the earlier parameters the default reads, in declaration order
     */
    public record Param(Span span, String name, Type type, boolean declared, boolean size, Expr defaultValue,
            String defaultText, List<String> reads) {
        public Param {
            reads = List.copyOf(reads);
        }
    }

    /** A statement of a block body; a network's inputs are metadata, not statements. */
    public sealed interface BodyStmt {
        Span span();
    }

    /** {@code let name = value}. */
    public record Let(Span span, String name, Type type, Expr value) implements BodyStmt {}

    /** {@code name = value}: a child module, raw tensor, or an alias of an earlier child. */
    public record Child(Span span, String name, Type type, Expr value) implements BodyStmt {}

    public record If(Span span, Expr condition, List<BodyStmt> then, List<BodyStmt> otherwise) implements BodyStmt {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /**
     * {@code require condition, "message"}.
     *
     * @param message       null when the spec gave none
     * @param conditionText the condition as written, for the default message
     */
    public record Require(Span span, Expr condition, String message, String conditionText) implements BodyStmt {}

    /** {@code init Linear { weight = trunc_normal(0.02) }}. */
    public record InitRule(Span span, String typeName, List<InitField> fields) implements BodyStmt {
        public InitRule {
            fields = List.copyOf(fields);
        }
    }

    public record InitField(Span span, String name, Expr value) {}

    /** Whether the block is a layer: one input, one output. */
    public boolean isLayer() {
        return forward != null && forward.params().size() == 1 && !forward.returnsSeveral();
    }

    /** The parameter named {@code name}, or null. */
    public Param param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
