package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.diag.Suggest;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/**
 * Builds a network's instance tree for concrete parameter values and infers every shape of its forward pass.
 * Mistakes become diagnostics; evaluation continues with poisoned values so that independent mistakes are all
 * reported and a consequence is never reported as a second error.
 */
public final class Elaborator {
    /** An override value and where it was written. */
    public record Setting(Value value, Span origin) {}

    private final Program program;
    private final Evaluator evaluator;
    private final Replacements replacements;
    private final VariantOverrides overrides;
    private final ElaborationLog log;
    private final SettingOrigins origins = new SettingOrigins();
    private final ArgumentBinder binder;
    private final BodyRunner bodies;
    private final ForwardRunner forwards;
    /** The statements and parameter defaults evaluated: what {@link StaticTypes} need not type again. */
    private final Set<Span> reached = new HashSet<>();

    public Elaborator(Program program, Diagnostics diagnostics) {
        this.program = program;
        this.evaluator = new Evaluator(program, this);
        this.replacements = new Replacements(program);
        this.overrides = new VariantOverrides(program, evaluator);
        this.log = new ElaborationLog(diagnostics, overrides);
        SettingBlame blame = new SettingBlame();
        this.binder = new ArgumentBinder(program, evaluator, overrides, blame, origins, log, reached);
        this.bodies = new BodyRunner(evaluator, replacements, new ChildReplacer(evaluator, replacements), overrides,
                blame, new Requirements(evaluator, blame, origins, log), log, reached);
        this.forwards = new ForwardRunner(evaluator, bodies, log, reached);
    }

    ArgumentBinder binder() {
        return binder;
    }

    SettingOrigins origins() {
        return origins;
    }

    ForwardRunner forwards() {
        return forwards;
    }

    /** Where the statements and parameter defaults this elaborator evaluated are. */
    public Set<Span> reached() {
        return java.util.Collections.unmodifiableSet(reached);
    }

    /**
     * Elaborates a network or variant by name. {@code settings} are command-line {@code --set} values (already
     * parsed), applied last. Returns null when the name is unknown or the network has errors.
     */
    public NetworkModel elaborate(String name, Map<String, Setting> settings) {
        try {
            return elaborateChecked(name, settings);
        } catch (ArchError e) {
            log.report(e.diagnostic());
            return null;
        } catch (ArchError.Poisoned p) {
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            // A bug in the compiler, not in the spec; still a diagnostic rather than a stack trace.
            Decl decl = program.find(name);
            log.report(Diagnostic.error(decl == null ? Span.synthetic("<command line>") : decl.name().span(),
                    "internal compiler error while elaborating '" + name + "': " + e)
                    .withHelp("please report this together with the spec"));
            return null;
        }
    }

    private NetworkModel elaborateChecked(String name, Map<String, Setting> settings) {
        Decl decl = program.find(name);
        if (decl == null) {
            log.report(Diagnostic.error(Span.synthetic("<command line>"), "no network named '" + name + "'")
                    .withHelp(Suggest.hint(name, networkNames())));
            return null;
        }
        Decl.Variant variant = null;
        Decl.Block network;
        if (decl instanceof Decl.Variant declared) {
            org.voxarch.compiler.resolve.VariantChain.Flattened flat =
                    org.voxarch.compiler.resolve.VariantChain.flatten(program, declared);
            if (flat.error() != null) {
                log.report(flat.error());
                return null;
            }
            Decl.Variant v = flat.variant();
            variant = v;
            overrides.collect(declared, v, origins.settings()).forEach(log::report);
            log.gridMember(program.decls().values().stream()
                    .anyMatch(g -> g instanceof Decl.Grid grid && grid.span().equals(declared.span())));
            Decl base = program.find(v.base().name());
            if (!(base instanceof Decl.Block b) || !b.network()) {
                Set<String> networks = new java.util.TreeSet<>();
                program.decls().forEach((n, d) -> {
                    if (d instanceof Decl.Variant || d instanceof Decl.Block candidate && candidate.network()) {
                        networks.add(n);
                    }
                });
                log.report(Diagnostic.error(v.base().span(), base == null
                        ? "unknown network '" + v.base().name() + "'"
                        : "'" + v.base().name() + "' is not a network; a variant is based on a network or variant")
                        .withHelp(Suggest.hint(v.base().name(), networks)));
                return null;
            }
            network = b;
        } else if (decl instanceof Decl.Block b && b.network()) {
            network = b;
        } else {
            log.report(Diagnostic.error(decl.name().span(), "'" + name + "' is not a network or variant"));
            return null;
        }
        forwards.networkFile(network.span().file());
        if (variant != null) {
            replacements.collect(variant).forEach(log::report);
        }
        Instance root = new Instance(Instance.Kind.NETWORK, network.name().name(), network.span(), network);
        root.makeRoot(name);
        Env global = new Env(null);
        List<Expr.Arg> args = variant == null ? List.of() : variant.args();
        try {
            binder.bindArguments(root, network, args, settings, global, null, network.name().span());
        } catch (ArchError e) {
            log.report(e.diagnostic());
            return null;
        } catch (ArchError.Poisoned p) {
            // Reported where the value went wrong.
            return null;
        }
        if (log.reported() > 0) {
            return null;
        }
        origins.networkArguments(root, network);
        // Inputs whose shape has an error are null: the forward still runs, without them.
        LinkedHashMap<String, org.voxarch.compiler.model.Shape> inputs = new LinkedHashMap<>();
        Env env = bodies.runBody(root, network, inputs);
        List<Shape> outputs = new ArrayList<>();
        if (network.forward() != null && !bodies.unmet(root)) {
            if (inputs.isEmpty()) {
                log.report(Diagnostic.error(network.name().span(), "network '" + network.name().name()
                        + "' declares no input").withHelp("add a line such as: input x: [B, in_channels, *patch]"));
            } else if (network.forward().params().size() != inputs.size()) {
                log.report(Diagnostic.error(network.forward().span(), "forward of " + network.name().name()
                        + " takes " + network.forward().params().size() + " input(s) but the network declares "
                        + inputs.size() + " (" + String.join(", ", inputs.keySet()) + ")")
                        .withHelp("write forward(" + String.join(", ", inputs.keySet()) + ")"));
            } else {
                List<Value> in = new ArrayList<>();
                for (Shape s : inputs.values()) {
                    in.add(s == null ? Value.ERROR : new Value.Tensor(s));
                }
                evaluator.enterForward();
                Value out = forwards.callBlock(root, env, in, network.forward().span(), false);
                if (out instanceof Value.Tuple t) {
                    for (Value v : t.items()) {
                        if (v instanceof Value.Tensor tensor) {
                            outputs.add(tensor.shape());
                        }
                    }
                } else if (out instanceof Value.Tensor t) {
                    outputs.add(t.shape());
                }
            }
        }
        overrides.unusedByPath(root).forEach(log::reportUnlessInherited);
        if (log.reported() == 0) {
            // With other errors an override or replacement may not have been reached for their sake.
            overrides.unusedBlockWide(root).forEach(log::reportUnlessInherited);
            overrides.unchangedBlockWide().forEach(log::warn);
            replacements.unused(root).forEach(log::reportUnlessInherited);
        }
        if (log.reported() > 0) {
            return null;
        }
        LinkedHashMap<String, Value> parameters = new LinkedHashMap<>(root.args());
        return new NetworkModel(name, network, variant, parameters, overrides.settledBlockWide(), root, inputs,
                outputs);
    }

    private Set<String> networkNames() {
        Set<String> names = new java.util.TreeSet<>();
        program.decls().forEach((n, d) -> {
            if (d instanceof Decl.Variant || (d instanceof Decl.Block b && b.network())) {
                names.add(n);
            }
        });
        return names;
    }
}
