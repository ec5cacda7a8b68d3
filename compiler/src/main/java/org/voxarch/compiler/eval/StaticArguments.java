package org.voxarch.compiler.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.builtins.ParamSpec;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/**
 * Arguments of calls, and defaults, against the types they are passed to, by type alone (see {@link StaticTypes}):
 * the rules of {@link Types#coerce} for block parameters and of {@link LayerArguments} for layers.
 */
final class StaticArguments {
    private final Program program;
    private final Consumer<ArchError> report;

    StaticArguments(Program program, Consumer<ArchError> report) {
        this.program = program;
        this.report = report;
    }

    /** Arguments of a block call against its declared parameter types. */
    void ofBlock(Decl.Block b, Expr.Call c, List<Typed> args) {
        for (int k = 0; k < c.args().size(); k++) {
            Expr.Arg a = c.args().get(k);
            Decl.Param p = a.name() == null ? (k < b.params().size() ? b.params().get(k) : null)
                    : b.params().stream().filter(q -> q.name().name().equals(a.name())).findFirst().orElse(null);
            if (p != null && p.type() != null && args.get(k) != null) {
                conforms(args.get(k), p.type(), a.value().span(), b.name().name() + " parameter '"
                        + p.name().name() + "'");
            }
        }
    }

    /** Arguments of a layer against its signature (the elaborator's rules, see Evaluator.checkPrimitiveArg). */
    void ofLayer(String layer, List<ParamSpec> sig, Expr.Call c, List<Typed> args) {
        Set<String> given = new HashSet<>();
        for (int k = 0; k < c.args().size(); k++) {
            Expr.Arg a = c.args().get(k);
            given.add(a.name() != null ? a.name() : k < sig.size() ? sig.get(k).name() : "");
        }
        for (ParamSpec p : sig) {
            if (p.defaultValue() == null && !given.contains(p.name())) {
                report.accept(LayerArguments.missing(layer, sig, p, c.span()));
                break;
            }
        }
        for (int k = 0; k < c.args().size(); k++) {
            Expr.Arg a = c.args().get(k);
            int position = k;
            ParamSpec p = a.name() == null ? (k < sig.size() ? sig.get(k) : null)
                    : sig.stream().filter(q -> q.name().equals(a.name())).findFirst().orElse(null);
            Typed t = args.get(position);
            if (p == null || t == null) {
                continue;
            }
            Value v = t.first();
            String what = layer + " parameter '" + p.name() + "'";
            boolean fits = switch (p.type()) {
                case "int" -> v instanceof Value.Int;
                case "float" -> v instanceof Value.Int || v instanceof Value.Float;
                case "bool" -> v instanceof Value.Bool;
                case "int3" -> v instanceof Value.Int || v instanceof Value.ListOf l
                        && l.items().stream().allMatch(x -> x instanceof Value.Int)
                        && (!t.exact() || l.items().size() == 3);
                default -> true;
            };
            if (!fits) {
                report.accept(p.type().equals("int3")
                        ? new ArchError(a.value().span(), what + " expects an int or a list of 3 ints, got "
                                + t.describe())
                        : Types.withIntHint(new ArchError(a.value().span(), what + " expects " + p.type()
                                + " but got " + t.describe()), p.type(), v));
            }
        }
    }

    /** A value of type {@code t} passed where {@code declared} is wanted: the rules of {@link Types#coerce}. */
    void conforms(Typed t, Decl.TypeRef declared, Span at, String what) {
        if (!fits(t.first(), declared.name(), declared.listDepth(), t.exact())) {
            report.accept(Types.withIntHint(new ArchError(at, what + " expects " + Types.text(declared) + " but got "
                    + t.describe()), Types.text(declared), t.first()));
        }
    }

    private boolean fits(Value v, String name, int depth, boolean exact) {
        if (depth > 0) {
            return v instanceof Value.ListOf l && l.items().stream().allMatch(x -> fits(x, name, depth - 1, exact));
        }
        return switch (name) {
            case "int" -> v instanceof Value.Int;
            case "float" -> v instanceof Value.Int || v instanceof Value.Float;
            case "bool" -> v instanceof Value.Bool;
            case "string" -> v instanceof Value.Str;
            case "size" -> v instanceof Value.Int || v instanceof Value.ListOf l
                    && l.items().stream().allMatch(x -> x instanceof Value.Int) && (!exact || l.items().size() == 3);
            default -> !(program.find(name) instanceof Decl.Enum) || v instanceof Value.EnumConst c && c.fits(name);
        };
    }
}
