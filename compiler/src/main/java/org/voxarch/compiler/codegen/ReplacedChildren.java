package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;

/**
 * The variant's child replacements ({@code :=}) that reached a child of each block, for the block's constructor:
 * a block-wide one replaces the child's construction in every instance; one by path is chosen at run time by the
 * instance's state-dict path, so that it also reaches instances that other network parameters add.
 */
final class ReplacedChildren {
    /** A replacement that reaches a child of a block; {@code blockWide}: {@code Block.child := ...}. */
    record Choice(Decl.Replacement replacement, boolean blockWide) {
        /** The target the run-time path is matched against: below the block when block-wide, else the full path. */
        String pattern() {
            List<String> t = replacement.target();
            return String.join(".", blockWide ? t.subList(1, t.size()) : t);
        }
    }

    /** Replacements of a block's body children, by block name and child name. */
    private final Map<String, List<Choice>> children = new LinkedHashMap<>();
    /** Replacements of items inside a container child of a block, by block name and container name. */
    private final Map<String, List<Choice>> items = new LinkedHashMap<>();

    private ReplacedChildren() {
    }

    static ReplacedChildren of(Program program, NetworkModel model) {
        ReplacedChildren out = new ReplacedChildren();
        out.walk(program, model.root());
        return out;
    }

    private void walk(Program program, Instance inst) {
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
                Choice choice = new Choice(r, blockWide);
                if (!list.contains(choice)) {
                    list.add(choice);
                    // As the compiler chooses: by path first, in the variant's order, then block-wide.
                    list.sort(java.util.Comparator.comparing(Choice::blockWide));
                }
            }
            walk(program, child);
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

    /** Whether some replacement is chosen by an instance's path, so constructors must know their path. */
    boolean needsPaths() {
        return !items.isEmpty() || children.values().stream().flatMap(List::stream).anyMatch(c -> !c.blockWide());
    }

    /** The Java condition choosing {@code c} for the module at {@code pathJava}, inside the block at {@code owner}. */
    static String condition(Choice c, String ownerJava, String pathJava) {
        String pattern = ExprTranslator.quote(c.pattern());
        return c.blockWide() ? JavaRefs.VALUES + "matchesBelow(" + ownerJava + ", " + pathJava + ", " + pattern + ")"
                : JavaRefs.VALUES + "matches(" + pathJava + ", " + pattern + ")";
    }
}
