package org.voxarch.compiler.resolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.diag.Diagnostic;

/**
 * A variant based on another variant ({@code variant acdc_sum = unetrpp_acdc(fusion = sum) with { ... }}) is that
 * variant with more changes: its arguments, overrides and replacements are added to the base's, the nearer one
 * winning where both set the same thing. Flattening the chain gives a variant of the network itself.
 */
public final class VariantChain {
    private VariantChain() {
    }

    /** The flattened variant, or the mistake in the chain (a variant based on itself). */
    public record Flattened(Decl.Variant variant, Diagnostic error) {}

    public static Flattened flatten(Program program, Decl.Variant variant) {
        List<Decl.Variant> chain = new ArrayList<>();
        Decl.Variant at = variant;
        while (true) {
            for (Decl.Variant earlier : chain) {
                if (earlier == at) {
                    List<String> names = new ArrayList<>(chain.subList(chain.indexOf(at), chain.size()).stream()
                            .map(v -> v.name().name()).toList());
                    names.add(at.name().name());
                    return new Flattened(null, Diagnostic.error(variant.base().span(), "variant '"
                            + variant.name().name() + "' is based on itself: " + String.join(" → ", names)));
                }
            }
            chain.add(at);
            if (!(program.find(at.base().name()) instanceof Decl.Variant base)) {
                break;
            }
            at = base;
        }
        if (chain.size() == 1) {
            return new Flattened(variant, null);
        }
        Decl network = program.find(chain.get(chain.size() - 1).base().name());
        Map<String, Expr.Arg> args = new LinkedHashMap<>();
        List<Expr.Arg> positional = new ArrayList<>();
        Map<String, Decl.Override> overrides = new LinkedHashMap<>();
        Map<String, Decl.Replacement> replacements = new LinkedHashMap<>();
        // From the variant nearest the network to the one asked for: later ones win.
        for (int i = chain.size() - 1; i >= 0; i--) {
            Decl.Variant v = chain.get(i);
            int position = 0;
            for (Expr.Arg a : v.args()) {
                String name = a.name();
                if (name == null && network instanceof Decl.Block b && position < b.params().size()) {
                    name = b.params().get(position).name().name();
                }
                position++;
                if (name == null) {
                    positional.add(a);
                } else {
                    args.remove(name);
                    args.put(name, new Expr.Arg(a.span(), name, a.value()));
                }
            }
            Map<String, org.voxarch.compiler.diag.Span> own = new LinkedHashMap<>();
            for (Decl.Override o : v.overrides()) {
                String target = String.join(".", o.target());
                if (own.putIfAbsent(target, o.span()) != null) {
                    return new Flattened(null, Diagnostic.error(o.span(), "'" + target + "' is set twice")
                            .withNote("first set at " + own.get(target).location()));
                }
                overrides.remove(target);
                overrides.put(target, o);
            }
            for (Decl.Replacement r : v.replacements()) {
                if (own.putIfAbsent(":=" + r.targetText(), r.span()) != null) {
                    return new Flattened(null, Diagnostic.error(r.span(), "'" + r.targetText()
                            + "' is replaced twice").withNote("first replaced at "
                                    + own.get(":=" + r.targetText()).location()));
                }
                replacements.remove(r.targetText());
                replacements.put(r.targetText(), r);
            }
        }
        List<Expr.Arg> allArgs = new ArrayList<>(positional);
        allArgs.addAll(args.values());
        Decl.Variant root = chain.get(chain.size() - 1);
        return new Flattened(new Decl.Variant(variant.span(), variant.name(), root.base(), allArgs,
                new ArrayList<>(overrides.values()), new ArrayList<>(replacements.values()), variant.doc()), null);
    }
}
