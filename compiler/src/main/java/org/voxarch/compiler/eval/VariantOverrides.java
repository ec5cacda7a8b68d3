package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.diag.Suggest;
import org.voxarch.compiler.eval.Elaborator.Setting;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/**
 * A variant's parameter overrides: block-wide ({@code Block.param = v}, applied where each instance binds its
 * arguments) and by path ({@code path.param = v}, applied once an instance knows its path), with the mistakes in
 * them and the ones that took no effect. Diagnostics are returned for the elaborator to report.
 */
final class VariantOverrides {
    private final Program program;
    private final Evaluator evaluator;
    private final Map<String, Map<String, Setting>> blockWide = new LinkedHashMap<>();
    private final Map<String, Map<String, Setting>> byPath = new LinkedHashMap<>();
    /** Where each path override's target ({@code path.param}) is written. */
    private final Map<String, Span> pathTargets = new HashMap<>();
    private final Set<String> usedPaths = new HashSet<>();
    /** Where each override's target is written, by its text ({@code Block.param}, {@code path.param}). */
    private final Map<String, Span> written = new LinkedHashMap<>();
    /**
     * Where a variant's base variants set something: that it takes effect was checked with the base, and it may
     * rightly reach nothing in this variant (a replaced child's parameter).
     */
    private final Set<Span> inherited = new HashSet<>();
    /** Per block-wide override ({@code Block.param}): whether it left every instance's value as it was. */
    private final Map<String, Boolean> unchanged = new LinkedHashMap<>();

    VariantOverrides(Program program, Evaluator evaluator) {
        this.program = program;
        this.evaluator = evaluator;
    }

    /**
     * Sorts the overrides of {@code flat} (the variant with what its base variants set) into block-wide and by path.
     * {@code declared} is the variant as written: what it sets itself must take effect. The value spans of the
     * overrides are added to {@code settingSpans}.
     */
    List<Diagnostic> collect(Decl.Variant declared, Decl.Variant flat, Set<Span> settingSpans) {
        flat.overrides().forEach(o -> inherited.add(o.span()));
        flat.replacements().forEach(r -> inherited.add(r.span()));
        declared.overrides().forEach(o -> inherited.remove(o.span()));
        declared.replacements().forEach(r -> inherited.remove(r.span()));
        List<Diagnostic> errors = new ArrayList<>();
        for (Decl.Override o : flat.overrides()) {
            List<String> target = o.target();
            Value value;
            try {
                value = evaluator.eval(o.value(), new Env(null), null);
            } catch (ArchError e) {
                errors.add(e.diagnostic());
                continue;
            } catch (ArchError.Poisoned p) {
                continue;
            }
            if (target.size() < 2) {
                errors.add(Diagnostic.error(o.span(), "an override names Block.parameter or path.parameter")
                        .withHelp("for a network parameter, pass it as an argument: " + flat.base().name()
                                + "(" + target.get(0) + " = ...)"));
                continue;
            }
            String param = target.get(target.size() - 1);
            Span first = written.putIfAbsent(String.join(".", target), o.span());
            if (first != null) {
                errors.add(Diagnostic.error(o.span(), "'" + String.join(".", target) + "' is set twice")
                        .withNote("first set at " + first.location()));
                continue;
            }
            Setting setting = new Setting(value, o.value().span());
            settingSpans.add(o.value().span());
            Decl blockDecl = target.size() == 2 ? program.find(target.get(0)) : null;
            if (blockDecl instanceof Decl.Block b && b.network()) {
                errors.add(Diagnostic.error(o.span(), "'" + b.name().name() + "' is the network; set its"
                        + " parameters as arguments").withHelp("write: " + flat.base().name() + "(" + param
                        + " = ...)"));
            } else if (blockDecl instanceof Decl.Block b) {
                if (b.params().stream().noneMatch(p -> p.name().name().equals(param))) {
                    errors.add(Diagnostic.error(o.span(), "block " + b.name().name()
                            + " has no parameter '" + param + "'").withHelp(ArgumentBinder.parameterHint(param, b)));
                    continue;
                }
                blockWide.computeIfAbsent(b.name().name(), k -> new LinkedHashMap<>()).put(param, setting);
            } else if (target.size() == 2 && Primitives.isPrimitive(target.get(0))) {
                errors.add(Diagnostic.error(o.span(), "'" + target.get(0) + "' is a layer; overrides set"
                        + " parameters of blocks").withHelp("override the parameter of the block that passes it"));
            } else if (target.size() == 2 && Character.isUpperCase(target.get(0).charAt(0))
                    && blockDecl == null) {
                errors.add(Diagnostic.error(o.span(), "unknown block '" + target.get(0) + "'")
                        .withHelp(Suggest.hint(target.get(0), program.decls().keySet())));
            } else {
                String path = String.join(".", target.subList(0, target.size() - 1));
                byPath.computeIfAbsent(path, k -> new LinkedHashMap<>()).put(param, setting);
                pathTargets.put(path + "." + param, o.span());
            }
        }
        return errors;
    }

    /** The block-wide overrides of a block's parameters. */
    Map<String, Setting> of(String block) {
        return blockWide.getOrDefault(block, Map.of());
    }

    /** Whether {@code d} is about something a base variant set (see {@link #inherited}). */
    boolean inherited(Diagnostic d) {
        return inherited.contains(d.span());
    }

    /**
     * Applies the path overrides of an instance once it knows where it sits in the tree. Mistakes go to
     * {@code errors}; a value of the wrong type is thrown, to be reported where the instance is built.
     */
    void applyByPath(Instance inst, java.util.function.Consumer<Diagnostic> errors,
            java.util.function.Consumer<Diagnostic> warnings) {
        Map<String, Setting> settings = byPath.get(inst.path());
        if (settings == null) {
            return;
        }
        usedPaths.add(inst.path());
        for (var e : settings.entrySet()) {
            Decl.Param p = inst.decl().params().stream().filter(q -> q.name().name().equals(e.getKey())).findFirst()
                    .orElse(null);
            if (p == null) {
                errors.accept(Diagnostic.error(pathTargets.get(inst.path() + "." + e.getKey()),
                        inst.typeName() + " at '" + inst.path() + "' has no parameter '" + e.getKey() + "'")
                        .withHelp(ArgumentBinder.parameterHint(e.getKey(), inst.decl())));
                continue;
            }
            if (ArgumentBinder.holdsModule(e.getValue().value())) {
                errors.accept(Diagnostic.error(e.getValue().origin(), "override of " + inst.path() + "." + e.getKey()
                        + " holds a module (" + e.getValue().value().describe() + "); parameters are values")
                        .withHelp("to put another module in place of a child, replace the child: "
                                + inst.path() + ".<child> := ..."));
                continue;
            }
            Value v = Types.coerce(e.getValue().value(), p.type(), program, e.getValue().origin(),
                    "override of " + inst.path() + "." + e.getKey());
            EnumNames.requireSettled(v, e.getValue().origin());
            if (v.equals(inst.args().get(e.getKey()))) {
                warnings.accept(Diagnostic.error(pathTargets.get(inst.path() + "." + e.getKey()), "'"
                        + inst.path() + "." + e.getKey() + " = " + v + "' changes nothing: the " + inst.typeName()
                        + " there already has " + e.getKey() + " = " + v));
            }
            inst.args().put(e.getKey(), v);
            inst.argOrigins().put(e.getKey(), e.getValue().origin());
        }
    }

    /** Path overrides that reached no block instance, and block-wide ones of blocks the tree never builds. */
    List<Diagnostic> unusedByPath(Instance root) {
        List<String> blockPaths = new ArrayList<>();
        collectBlockPaths(root, blockPaths);
        List<Diagnostic> errors = new ArrayList<>();
        for (var e : byPath.entrySet()) {
            if (!usedPaths.contains(e.getKey())) {
                String close = Suggest.closest(e.getKey(), blockPaths);
                for (String param : e.getValue().keySet()) {
                    errors.add(Diagnostic.error(pathTargets.get(e.getKey() + "." + param),
                            "no block instance at path '" + e.getKey() + "' to override")
                            .withHelp(close != null ? "did you mean '" + close + "'?"
                                    : "paths are state-dict prefixes of blocks, e.g. " + (blockPaths.isEmpty()
                                            ? "decoder5.decoder_block.0.0" : blockPaths.get(blockPaths.size() - 1))));
                }
            }
        }
        return errors;
    }

    /**
     * Notes what a block-wide override replaced in one instance: {@code before} is the value the instance would
     * have had (null when it had none), {@code after} the override's, both as the parameter's type makes them.
     */
    void observe(String block, String param, Value before, Value after) {
        unchanged.merge(block + "." + param, after.equals(before), Boolean::logicalAnd);
    }

    /** Warnings for block-wide overrides that left every instance as it was. */
    List<Diagnostic> unchangedBlockWide() {
        List<Diagnostic> out = new ArrayList<>();
        unchanged.forEach((target, same) -> {
            if (same) {
                String block = target.substring(0, target.indexOf('.'));
                String param = target.substring(target.indexOf('.') + 1);
                Value v = blockWide.get(block).get(param).value();
                out.add(Diagnostic.error(written.get(target), "'" + target + " = " + v + "' changes nothing: every "
                        + block + " in the network already has " + param + " = " + v));
            }
        });
        return out;
    }

    /** Block-wide overrides of blocks the tree has no instance of. */
    List<Diagnostic> unusedBlockWide(Instance root) {
        return UnusedOverrides.blockWide(root, blockWide.keySet(), written);
    }

    private static void collectBlockPaths(Instance inst, List<String> out) {
        for (Instance.Entry e : inst.entries()) {
            if (!e.alias()) {
                if (e.child().kind() == Instance.Kind.BLOCK) {
                    out.add(e.child().path());
                }
                collectBlockPaths(e.child(), out);
            }
        }
    }

    /** Notes naming the path overrides applied inside {@code inst}'s subtree, for an error found there. */
    List<String> notesWithin(Instance inst) {
        List<String> notes = new ArrayList<>();
        String prefix = inst.path() + ".";
        for (var e : byPath.entrySet()) {
            if (usedPaths.contains(e.getKey()) && (e.getKey() + ".").startsWith(prefix)) {
                for (var o : e.getValue().entrySet()) {
                    notes.add("the variant sets " + e.getKey() + "." + o.getKey() + " = " + o.getValue().value()
                            + " at " + pathTargets.get(e.getKey() + "." + o.getKey()).location());
                }
            }
        }
        return notes;
    }

    /** The block-wide overrides as the instances hold them: an enum constant settled by the parameter's type. */
    Map<String, Map<String, Value>> settledBlockWide() {
        Map<String, Map<String, Value>> out = new LinkedHashMap<>();
        blockWide.forEach((block, m) -> {
            Map<String, Value> values = new LinkedHashMap<>();
            Decl.Block b = (Decl.Block) program.find(block);
            m.forEach((k, s) -> values.put(k, Types.coerce(s.value(), b.params().stream()
                    .filter(p -> p.name().name().equals(k)).findFirst().orElseThrow().type(), program, s.origin(),
                    block + "." + k)));
            out.put(block, values);
        });
        return out;
    }
}
