package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Value;

/**
 * Builds the module of a variant's {@code :=} in the scope of the block that declares the replaced child, and
 * checks that it is called the way the child it replaces is.
 */
final class ChildReplacer {
    private final Evaluator evaluator;
    private final Replacements replacements;

    ChildReplacer(Evaluator evaluator, Replacements replacements) {
        this.evaluator = evaluator;
        this.replacements = replacements;
    }

    /**
     * The replacement module for the child at {@code relative} inside {@code owner}. {@code expected} is the replaced
     * child's signature (null when it cannot be told), {@code replacedType} its type name, for messages.
     */
    Value.Module build(Decl.Replacement r, Instance owner, List<String> relative, Env env,
            Replacements.Signature expected, String replacedType) {
        String where = owner.path().isEmpty() ? String.join(".", relative)
                : owner.path() + "." + String.join(".", relative);
        Value v;
        try {
            v = evaluator.eval(r.value(), env, owner);
        } catch (ArchError e) {
            if (e.diagnostic().help() != null || !e.diagnostic().message().startsWith("unknown name")) {
                throw e;
            }
            throw e.withHelp("a replacement sees the names of the " + owner.typeName() + " whose child it replaces: "
                    + String.join(", ", env.visibleNames()));
        }
        if (!(v instanceof Value.Module m) || m.instance().isTensor() || m.instance().isAttached()) {
            throw new ArchError(r.value().span(), "a replacement builds a new module; this is "
                    + v.describe()).withNote("replacing '" + where + "'")
                    .withHelp("write a block or layer call, e.g. " + r.targetText() + " := Conv3d(c, c, 1)");
        }
        Replacements.Signature actual = Replacements.of(m.instance());
        if (expected != null && actual != null && !expected.equals(actual)) {
            throw new ArchError(r.value().span(), m.instance().typeName() + " " + actual.describe() + ", but the "
                    + replacedType + " it replaces at '" + where + "' " + expected.describe())
                    .withNote("the replacement is called where the replaced child is, so it must take and return"
                            + " the same");
        }
        m.instance().markReplacement(r, replacedType);
        return m;
    }

    /**
     * Replaces the items of a container that a replacement names (at any depth of nested containers), before the
     * container is realised. {@code relative} is the container's path inside {@code owner}.
     */
    void replaceItems(Instance container, Instance owner, List<String> relative, Env env) {
        if (replacements.isEmpty() || (container.kind() != Instance.Kind.SEQUENTIAL
                && container.kind() != Instance.Kind.MODULE_LIST)) {
            return;
        }
        for (Instance.Entry e : List.copyOf(container.entries())) {
            if (e.alias()) {
                continue;
            }
            List<String> item = new ArrayList<>(relative);
            item.add(e.name());
            Decl.Replacement r = replacements.find(owner, item);
            if (r != null) {
                Value.Module m = build(r, owner, item, env, Replacements.of(e.child()), e.child().typeName());
                container.replace(e.name(), m.instance());
            } else {
                replaceItems(e.child(), owner, item, env);
            }
        }
    }
}
