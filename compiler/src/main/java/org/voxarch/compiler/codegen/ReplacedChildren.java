package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;

/**
 * The variants' child replacements ({@code :=}) that reached a child of each block, for the block's shared class:
 * the constructor builds the replacement (in the block's own scope) when the variant it is built for has it in its
 * {@code BlockContext} and the replacement's target matches the child's path, so that it also reaches instances
 * that other network parameters add.
 */
final class ReplacedChildren {
    /**
     * A replacement that reaches a child of a block.
     *
     * @param name      how the variant's context names it: {@code variant: target}
     * @param blockWide {@code Block.child := ...} rather than by path
     */
    record Choice(String name, Decl.Replacement replacement, boolean blockWide) {
        /** The target the run-time path is matched against: below the block when block-wide, else the full path. */
        String pattern() {
            List<String> t = replacement.target();
            return String.join(".", blockWide ? t.subList(1, t.size()) : t);
        }

        Expr value() {
            return replacement.value();
        }
    }

    /** Replacements of a block's body children, by block name and child name. */
    private final Map<String, List<Choice>> children = new LinkedHashMap<>();
    /** Replacements of items inside a container child of a block, by block name and container name. */
    private final Map<String, List<Choice>> items = new LinkedHashMap<>();

    ReplacedChildren(Program program, List<NetworkModel> models) {
        for (NetworkModel m : models) {
            walk(program, m, m.root());
        }
    }

    /** How a variant's context names one of its replacements. */
    static String name(NetworkModel model, Decl.Replacement r) {
        return model.name() + ": " + r.targetText();
    }

    private void walk(Program program, NetworkModel model, Instance inst) {
        for (Instance.Entry e : inst.entries()) {
            if (e.alias()) {
                continue;
            }
            Instance child = e.child();
            Decl.Replacement r = child.replacement();
            if (r != null) {
                Instance owner = child.parent();
                List<String> relative = new ArrayList<>(List.of(child.name()));
                while (owner.kind() != Instance.Kind.BLOCK && owner.kind() != Instance.Kind.NETWORK) {
                    relative.add(0, owner.name());
                    owner = owner.parent();
                }
                String key = owner.decl().name().name() + "." + relative.get(0);
                boolean blockWide = program.find(r.target().get(0)) instanceof Decl.Block b && !b.network();
                List<Choice> list = (relative.size() == 1 ? children : items).computeIfAbsent(key,
                        k -> new ArrayList<>());
                Choice choice = new Choice(name(model, r), r, blockWide);
                if (!list.contains(choice)) {
                    list.add(choice);
                    // As the compiler chooses: by path first, in the variant's order, then block-wide.
                    list.sort(Comparator.comparing(Choice::blockWide));
                }
            }
            walk(program, model, child);
        }
    }

    /** The replacements of body child {@code child} of {@code block}, by path first. */
    List<Choice> child(String block, String child) {
        return children.getOrDefault(block + "." + child, List.of());
    }

    /** The replacements of items inside container child {@code child} of {@code block}, by path first. */
    List<Choice> items(String block, String child) {
        return items.getOrDefault(block + "." + child, List.of());
    }

    /**
     * The Java condition choosing {@code c} for the module built in {@code childContext}, inside the block built in
     * {@code context}.
     */
    static String condition(Choice c, String context, String childContext) {
        return context + ".replaces(" + ExprTranslator.quote(c.name()) + ", " + childContext + ", "
                + ExprTranslator.quote(c.pattern()) + ", " + c.blockWide() + ")";
    }

    /**
     * Opens one branch per choice ({@code if}, then {@code else if}), each written by {@code body}; the caller then
     * writes the {@code else} (the child as the spec declares it) and closes.
     */
    static void openBranches(List<Choice> choices, String context, String childContext, CodeLines out,
            Consumer<Choice> body) {
        for (int i = 0; i < choices.size(); i++) {
            Choice choice = choices.get(i);
            String test = "if (" + condition(choice, context, childContext) + ")";
            if (i == 0) {
                out.open(test);
            } else {
                out.reopen("else " + test);
            }
            body.accept(choice);
        }
    }

    /** The comment of a replacement's branch. */
    static String comment(Choice c) {
        return "variant " + c.name().substring(0, c.name().indexOf(':')) + " replaces it, "
                + c.replacement().span().lineRef();
    }
}
