package org.voxarch.compiler.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.builtins.ParamSpec;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.diag.Suggest;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Value;

/** Binds a layer's arguments to its signature (positional, named, defaults) and checks each against its type. */
final class LayerArguments {
    private final Evaluator evaluator;
    private final SettingOrigins settingOrigins;

    LayerArguments(Evaluator evaluator, SettingOrigins origins) {
        this.evaluator = evaluator;
        this.settingOrigins = origins;
    }

    void bind(Instance inst, List<ParamSpec> sig, Expr.Call c, Env env, Instance owner) {
        Map<String, Value> given = new LinkedHashMap<>();
        Map<String, Span> spans = new LinkedHashMap<>();
        // Types are checked where a value is passed; its value is blamed where it was set (see SettingOrigins.origin).
        Map<String, Span> origins = new LinkedHashMap<>();
        int pos = 0;
        for (Expr.Arg a : c.args()) {
            String pname;
            if (a.name() == null) {
                if (pos >= sig.size()) {
                    throw new ArchError(a.span(), inst.typeName() + " takes at most " + sig.size() + " arguments ("
                            + String.join(", ", sig.stream().map(ParamSpec::name).toList()) + ")");
                }
                pname = sig.get(pos++).name();
            } else {
                pname = a.name();
                if (sig.stream().noneMatch(p -> p.name().equals(a.name()))) {
                    List<String> names = sig.stream().map(ParamSpec::name).toList();
                    String close = Suggest.hint(a.name(), names);
                    throw new ArchError(a.span(), inst.typeName() + " has no parameter '" + a.name() + "'")
                            .withHelp(close != null ? close : "the parameters of " + inst.typeName() + " are "
                                    + String.join(", ", names));
                }
            }
            if (given.containsKey(pname)) {
                throw new ArchError(a.span(), "parameter '" + pname + "' is given twice");
            }
            given.put(pname, evaluator.eval(a.value(), env, owner));
            spans.put(pname, a.value().span());
            origins.put(pname, settingOrigins.origin(a.value(), env, owner));
        }
        for (ParamSpec p : sig) {
            Value v = given.get(p.name());
            Span at = spans.getOrDefault(p.name(), c.span());
            if (v == null) {
                if (p.defaultValue() == null) {
                    throw missing(inst.typeName(), sig, p, c.span());
                }
                v = p.defaultValue();
            }
            inst.args().put(p.name(), checkPrimitiveArg(v, p, at, inst.typeName()));
            inst.argOrigins().put(p.name(), origins.getOrDefault(p.name(), at));
        }
    }

    /** A required parameter of a layer call not given, with the layer's signature as help. */
    static ArchError missing(String layer, List<ParamSpec> sig, ParamSpec p, Span call) {
        return new ArchError(call, layer + " is missing parameter '" + p.name() + "'")
                .withHelp(layer + "(" + String.join(", ", sig.stream()
                        .map(s -> s.defaultValue() == null ? s.name() : s.name() + " = " + s.defaultValue())
                        .toList()) + ")");
    }

    private static Value checkPrimitiveArg(Value v, ParamSpec p, Span at, String layer) {
        String what = layer + " parameter '" + p.name() + "'";
        return switch (p.type()) {
            case "int", "float", "bool" -> {
                Value converted = Types.builtIn(v, p.type());
                if (converted == null) {
                    throw Types.withIntHint(new ArchError(at, what + " expects " + p.type() + " but got "
                            + v.describe()), p.type(), v);
                }
                yield converted;
            }
            case "int3" -> {
                Value converted = Types.builtIn(v, "size");
                if (converted == null) {
                    throw new ArchError(at, what + " expects an int or a list of 3 ints, got " + v.describe());
                }
                yield converted;
            }
            default -> v;
        };
    }

}
