package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Suggest;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.resolve.Program;

/**
 * A variant's child replacements ({@code :=}): which ones are well formed, which child each one reaches while the
 * tree is built, and the ones that reached none. A child is named relative to the block instance whose body
 * declares it (its owner): {@code [epa_block]} for a body child, {@code [decoder_block, 0]} for an item of a
 * container the body declares.
 */
final class Replacements {
    /** Block-wide replacements: the block's name, then the child's path inside the block. */
    private final List<Decl.Replacement> blockWide = new ArrayList<>();
    /** Replacements by path from the network root, {@code *} matching any one segment. */
    private final List<Decl.Replacement> byPath = new ArrayList<>();
    private final Set<Decl.Replacement> used = new HashSet<>();
    private final Program program;

    Replacements(Program program) {
        this.program = program;
    }

    /** Sorts a variant's replacements into block-wide and by path; returns the mistakes in their targets. */
    List<Diagnostic> collect(Decl.Variant variant) {
        List<Diagnostic> errors = new ArrayList<>();
        Map<String, Decl.Replacement> seen = new LinkedHashMap<>();
        for (Decl.Replacement r : variant.replacements()) {
            List<String> target = r.target();
            Decl.Replacement first = seen.putIfAbsent(r.targetText(), r);
            if (first != null) {
                errors.add(Diagnostic.error(r.span(), "'" + r.targetText() + "' is replaced twice")
                        .withNote("first replaced at " + first.span().location()));
                continue;
            }
            String head = target.get(0);
            Decl decl = program.find(head);
            if (decl instanceof Decl.Block b && b.network()) {
                errors.add(Diagnostic.error(r.span(), "'" + head + "' is the network; a replacement names a"
                        + " child by its path from the network, or Block.child")
                        .withHelp("write: " + String.join(".", target.subList(1, target.size())) + " := ..."));
            } else if (decl instanceof Decl.Block b) {
                if (target.size() < 2) {
                    errors.add(Diagnostic.error(r.span(), "a replacement names a child: " + head + ".child := ..."));
                } else if (!declaresChild(b.body(), target.get(1)) && !target.get(1).equals("*")) {
                    List<String> children = new ArrayList<>();
                    childNames(b.body(), children);
                    errors.add(Diagnostic.error(r.span(), "block " + head + " has no child '" + target.get(1) + "'")
                            .withHelp(children.isEmpty() ? head + " has no children"
                                    : hintOr(target.get(1), children, "the children of " + head + " are "
                                            + String.join(", ", children))));
                } else {
                    blockWide.add(r);
                }
            } else if (Primitives.isPrimitive(head) || head.equals("Sequential") || head.equals("ModuleList")) {
                errors.add(Diagnostic.error(r.span(), "'" + head + "' is a layer; a replacement names a child of a"
                        + " block").withHelp("replace the child of the block that declares it"));
            } else if (Character.isUpperCase(head.charAt(0)) && decl == null) {
                errors.add(Diagnostic.error(r.span(), "unknown block '" + head + "'")
                        .withHelp(Suggest.hint(head, program.decls().keySet())));
            } else {
                byPath.add(r);
            }
        }
        return errors;
    }

    private static String hintOr(String name, java.util.Collection<String> candidates, String otherwise) {
        String hint = Suggest.hint(name, candidates);
        return hint != null ? hint : otherwise;
    }

    private static boolean declaresChild(List<BodyStmt> body, String name) {
        List<String> names = new ArrayList<>();
        childNames(body, names);
        return names.contains(name);
    }

    private static void childNames(List<BodyStmt> body, List<String> out) {
        for (BodyStmt s : body) {
            if (s instanceof BodyStmt.Child c && !out.contains(c.name().name())) {
                out.add(c.name().name());
            } else if (s instanceof BodyStmt.If i) {
                childNames(i.then(), out);
                childNames(i.otherwise(), out);
            }
        }
    }

    boolean isEmpty() {
        return blockWide.isEmpty() && byPath.isEmpty();
    }

    /**
     * The replacement of the child at {@code relative} inside {@code owner}, or null: a path replacement before a
     * block-wide one, as the more specific.
     */
    Decl.Replacement find(Instance owner, List<String> relative) {
        if (isEmpty()) {
            return null;
        }
        List<String> full = new ArrayList<>();
        if (!owner.path().isEmpty()) {
            full.addAll(List.of(owner.path().split("\\.")));
        }
        full.addAll(relative);
        for (Decl.Replacement r : byPath) {
            if (matches(r.target(), full)) {
                used.add(r);
                return r;
            }
        }
        String block = owner.decl() == null ? null : owner.decl().name().name();
        for (Decl.Replacement r : blockWide) {
            if (r.target().get(0).equals(block) && matches(r.target().subList(1, r.target().size()), relative)) {
                used.add(r);
                return r;
            }
        }
        return null;
    }

    private static boolean matches(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < pattern.size(); i++) {
            if (!pattern.get(i).equals("*") && !pattern.get(i).equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** An error for each replacement that reached no child, with the nearest paths or instances that exist. */
    List<Diagnostic> unused(Instance root) {
        List<Diagnostic> errors = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        Map<String, Integer> blockCounts = new LinkedHashMap<>();
        collect(root, paths, blockCounts);
        for (Decl.Replacement r : blockWide) {
            if (used.contains(r)) {
                continue;
            }
            String block = r.target().get(0);
            if (!blockCounts.containsKey(block)) {
                errors.add(Diagnostic.error(r.span(), "the network has no " + block + ", so '"
                        + r.targetText() + "' replaces nothing")
                        .withHelp(hintOr(block, blockCounts.keySet(), "the blocks it builds are "
                                + String.join(", ", new TreeSet<>(blockCounts.keySet())))));
            } else {
                errors.add(Diagnostic.error(r.span(), "no " + block + " in the network has a child at '"
                        + String.join(".", r.target().subList(1, r.target().size())) + "'")
                        .withNote("a child declared under an 'if' exists only where the condition holds"));
            }
        }
        for (Decl.Replacement r : byPath) {
            if (!used.contains(r)) {
                String close = Suggest.closest(r.targetText(), paths);
                errors.add(Diagnostic.error(r.span(), "no child at path '" + r.targetText() + "' to replace")
                        .withHelp(close != null ? "did you mean '" + close + "'?"
                                : "paths are state-dict prefixes of modules, e.g. "
                                        + (paths.isEmpty() ? "decoder5.decoder_block.0" : paths.get(0))));
            }
        }
        return errors;
    }

    private static void collect(Instance inst, List<String> paths, Map<String, Integer> blockCounts) {
        if (inst.kind() == Instance.Kind.BLOCK) {
            blockCounts.merge(inst.typeName(), 1, Integer::sum);
        }
        for (Instance.Entry e : inst.entries()) {
            if (!e.alias() && !e.child().isTensor()) {
                paths.add(e.child().path());
                collect(e.child(), paths, blockCounts);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Forward signatures

    /** How a module is called: inputs taken and outputs returned. */
    record Signature(int inputs, int outputs) {
        String describe() {
            return "takes " + inputs + " input" + (inputs == 1 ? "" : "s") + " and returns " + outputs
                    + " output" + (outputs == 1 ? "" : "s");
        }
    }

    /** The signature of an instance, or null for one that is not called (a module list, a tensor). */
    static Signature of(Instance inst) {
        return switch (inst.kind()) {
            case PRIMITIVE, SEQUENTIAL -> new Signature(1, 1);
            case BLOCK -> of(inst.decl());
            default -> null;
        };
    }

    /** The signature of the module a child expression builds, when it can be told without building it. */
    Signature of(Expr e) {
        if (e instanceof Expr.Conditional c) {
            return of(c.then());
        }
        if (e instanceof Expr.Call c && c.callee() instanceof Expr.Name n) {
            if (n.name().equals("Sequential") || Primitives.isPrimitive(n.name())) {
                return new Signature(1, 1);
            }
            if (program.find(n.name()) instanceof Decl.Block b) {
                return of(b);
            }
        }
        return null;
    }

    private static Signature of(Decl.Block b) {
        if (b.forward() == null) {
            return null;
        }
        return new Signature(b.forward().params().size(), outputs(b.forward().body()));
    }

    private static int outputs(List<org.voxarch.compiler.ast.ForwardStmt> body) {
        for (var s : body) {
            if (s instanceof org.voxarch.compiler.ast.ForwardStmt.Return r) {
                return r.values().size();
            }
            if (s instanceof org.voxarch.compiler.ast.ForwardStmt.If i) {
                int n = outputs(i.then());
                if (n > 0) {
                    return n;
                }
            }
        }
        return 0;
    }
}
