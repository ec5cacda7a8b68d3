package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.ForwardStmt;
import org.voxarch.compiler.ast.SpecFile;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.builtins.Builtin;
import org.voxarch.compiler.builtins.Builtins;
import org.voxarch.compiler.builtins.Exponents;
import org.voxarch.compiler.builtins.FlopSink;
import org.voxarch.compiler.builtins.ParamSpec;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.builtins.Site;
import org.voxarch.compiler.builtins.SizeLimits;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/**
 * Types the code no elaboration reached (a branch the defaults do not take, a default every call overrides, a
 * block nothing builds) from the declared parameter types, without elaborating: its generated Java is compiled all
 * the same, so a type mistake there is an error as much as in code that ran. Code that was reached is typed only
 * to know its names' types: the elaborator checked it with real values.
 *
 * <p>A value is known by its type only, through two representatives (see {@link Typed}); an operator that fails on
 * both is wrong for every value of those types, one that fails on one only depends on values and is left alone.
 */
public final class StaticTypes {
    private final Program program;
    private final Diagnostics diagnostics;
    private final Set<Span> reached;
    private final Set<String> naturalLoopVariables;
    /** Whether mistakes found now are reported (false inside code an elaboration reached). */
    private boolean reporting;

    private StaticTypes(Program program, Diagnostics diagnostics, Set<Span> reached) {
        this.program = program;
        this.diagnostics = diagnostics;
        this.reached = reached;
        this.naturalLoopVariables = Exponents.loopVariables(program.decls().values());
    }

    /** Types every block of the program; {@code reached}: statements and defaults some elaboration evaluated. */
    public static void check(Program program, Diagnostics diagnostics, Set<Span> reached) {
        StaticTypes types = new StaticTypes(program, diagnostics, reached);
        for (SpecFile f : program.files()) {
            for (Decl d : f.decls()) {
                if (d instanceof Decl.Block b) {
                    types.block(b);
                }
            }
        }
    }

    private void block(Decl.Block b) {
        Map<String, Typed> scope = new HashMap<>();
        for (Decl.Param p : b.params()) {
            Typed declared = p.type() == null ? null : Typed.of(p.type(), program);
            if (p.defaultValue() != null) {
                reporting = !reached.contains(p.defaultValue().span());
                Typed given = type(p.defaultValue(), scope);
                if (declared != null && given != null) {
                    conforms(given, p.type(), p.defaultValue().span(), b.name().name() + " parameter '"
                            + p.name().name() + "'");
                }
                if (declared == null) {
                    // An untyped parameter takes the type of whatever is passed: only its default is known.
                    declared = given == null ? null : given.inexact();
                }
            }
            put(scope, p.name().name(), declared);
        }
        body(b.body(), scope);
        if (b.forward() != null) {
            Map<String, Typed> locals = new HashMap<>(scope);
            b.forward().params().forEach(p -> locals.remove(p.name()));
            forward(b.forward().body(), locals);
        }
    }

    private void body(List<BodyStmt> stmts, Map<String, Typed> scope) {
        for (BodyStmt s : stmts) {
            reporting = !reached.contains(s.span());
            if (s instanceof BodyStmt.Let l) {
                put(scope, l.name().name(), type(l.value(), scope));
            } else if (s instanceof BodyStmt.Child c) {
                Typed child = type(c.value(), scope);
                if (child != null && !(child.first() instanceof Value.Module)
                        && !(child.first() instanceof Value.ListOf)) {
                    report(BodyRunner.notAModule(c, child.describe()));
                }
                scope.remove(c.name().name());
            } else if (s instanceof BodyStmt.If i) {
                condition(i.condition(), scope);
                body(i.then(), new HashMap<>(scope));
                body(i.otherwise(), new HashMap<>(scope));
                forgetDeclared(i, scope);
            } else if (s instanceof BodyStmt.Require r) {
                type(r.condition(), scope);
            } else if (s instanceof BodyStmt.InitRule rule) {
                rule.fields().forEach(f -> type(f.value(), scope));
            } else if (s instanceof BodyStmt.Input in) {
                type(in.shape(), scope);
            }
        }
    }

    /** What either branch of an 'if' declares has no single type afterwards. */
    private static void forgetDeclared(BodyStmt.If i, Map<String, Typed> scope) {
        for (List<BodyStmt> branch : List.of(i.then(), i.otherwise())) {
            for (BodyStmt s : branch) {
                if (s instanceof BodyStmt.Let l) {
                    scope.remove(l.name().name());
                } else if (s instanceof BodyStmt.Child c) {
                    scope.remove(c.name().name());
                } else if (s instanceof BodyStmt.If inner) {
                    forgetDeclared(inner, scope);
                }
            }
        }
    }

    private void forward(List<ForwardStmt> stmts, Map<String, Typed> locals) {
        for (ForwardStmt s : stmts) {
            reporting = !reached.contains(s.span());
            if (s instanceof ForwardStmt.Assign a) {
                type(a.value(), locals);
                // Locals of forward are tensors, or tuples of them: not typed here.
                a.targets().forEach(t -> locals.remove(t.name()));
            } else if (s instanceof ForwardStmt.If i) {
                condition(i.condition(), locals);
                forward(i.then(), locals);
                forward(i.otherwise(), locals);
            } else if (s instanceof ForwardStmt.Return r) {
                r.values().forEach(v -> type(v, locals));
            }
        }
    }

    private static void put(Map<String, Typed> scope, String name, Typed type) {
        if (type == null) {
            scope.remove(name);
        } else {
            scope.put(name, type);
        }
    }

    private void condition(Expr e, Map<String, Typed> scope) {
        Typed t = type(e, scope);
        if (t != null && !(t.first() instanceof Value.Bool)) {
            report(new ArchError(e.span(), "a condition must be a bool, got " + t.describe()));
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Expressions: the type of each (null when unknown), reporting the mistakes that hold for every value

    private Typed type(Expr e, Map<String, Typed> scope) {
        if (e instanceof Expr.IntLit i) {
            return Typed.exact(new Value.Int(i.value()));
        } else if (e instanceof Expr.FloatLit f) {
            return Typed.exact(new Value.Float(f.value()));
        } else if (e instanceof Expr.BoolLit b) {
            return Typed.exact(new Value.Bool(b.value()));
        } else if (e instanceof Expr.StringLit s) {
            return Typed.exact(new Value.Str(s.value()));
        } else if (e instanceof Expr.Name n) {
            return name(n, scope);
        } else if (e instanceof Expr.ListLit l) {
            return list(l, scope);
        } else if (e instanceof Expr.Comprehension c) {
            Typed source = type(c.source(), scope);
            Map<String, Typed> inner = new HashMap<>(scope);
            put(inner, c.variable().name(), source == null ? null : source.element());
            Typed element = type(c.element(), inner);
            if (element != null && element.first() instanceof Value.ListOf) {
                report(new ArchError(c.span(), ElementBudget.NESTED_LIST));
                return null;
            }
            return element == null ? null : Typed.listOf(element);
        } else if (e instanceof Expr.Conditional c) {
            condition(c.condition(), scope);
            Typed then = type(c.then(), scope);
            Typed otherwise = type(c.otherwise(), scope);
            return then != null && otherwise != null && then.typeName().equals(otherwise.typeName())
                    ? then.inexact() : null;
        } else if (e instanceof Expr.Unary u) {
            Typed operand = type(u.operand(), scope);
            return operand == null ? null : apply(Builtins.unary(u.op()), List.of(operand),
                    Site.at(u.span(), FlopSink.NONE), true);
        } else if (e instanceof Expr.Binary b) {
            Typed left = type(b.left(), scope);
            Typed right = type(b.right(), scope);
            if (left == null || right == null) {
                return null;
            }
            if ((b.op().equals("==") || b.op().equals("!=")) && left.first() instanceof Value.EnumConst
                    && right.first() instanceof Value.EnumConst) {
                // Settled like the evaluator does (see EnumNames.same); the answer's type is all that matters.
                return new Typed(new Value.Bool(true), new Value.Bool(false), false);
            }
            boolean natural = b.op().equals("**") && Exponents.natural(b.right(),
                    name -> naturalLoopVariables.contains(name));
            return apply(Builtins.binary(b.op()), List.of(left, right),
                    new Site(b.span(), List.of(b.left(), b.right()), natural, FlopSink.NONE), true);
        } else if (e instanceof Expr.Index i) {
            Typed target = type(i.target(), scope);
            type(i.index(), scope);
            if (i.index() instanceof Expr.IntLit k && Math.abs((double) k.value()) >= SizeLimits.MAX_LIST_ITEMS) {
                report(new ArchError(i.index().span(), "index " + k.value() + " is out of range for any list; lists"
                        + " are limited to " + SizeLimits.MAX_LIST_ITEMS + " items"));
            }
            return target == null ? null : target.element();
        } else if (e instanceof Expr.Call c) {
            return call(c, scope);
        }
        return null;
    }

    private Typed name(Expr.Name n, Map<String, Typed> scope) {
        if (scope.containsKey(n.name())) {
            return scope.get(n.name());
        }
        List<Decl.Enum> enums = program.enumsOfConstant(n.name());
        return enums.size() == 1 ? Typed.exact(new Value.EnumConst(enums.get(0).name().name(), n.name())) : null;
    }

    private Typed list(Expr.ListLit l, Map<String, Typed> scope) {
        List<Typed> items = new ArrayList<>();
        boolean known = true;
        for (Expr.ListItem item : l.items()) {
            Typed t = type(item.value(), scope);
            if (t == null || item.spread()) {
                known = false;
            } else {
                items.add(t);
            }
        }
        if (items.stream().anyMatch(t -> t.first() instanceof Value.ListOf)) {
            report(new ArchError(l.span(), ElementBudget.NESTED_LIST));
            return null;
        }
        return known ? Typed.list(items) : null;
    }

    private Typed call(Expr.Call c, Map<String, Typed> scope) {
        List<Typed> args = new ArrayList<>();
        for (Expr.Arg a : c.args()) {
            args.add(type(a.value(), scope));
        }
        if (!(c.callee() instanceof Expr.Name n)) {
            return null;
        }
        if (scope.containsKey(n.name())) {
            Typed callee = scope.get(n.name());
            if (callee != null && !(callee.first() instanceof Value.Module)) {
                report(Evaluator.notCallable(c, callee.describe()));
            }
            return null;
        }
        if (program.find(n.name()) instanceof Decl.Block b && !b.network()) {
            blockArguments(b, c, args);
            return Typed.module(new Instance(Instance.Kind.BLOCK, n.name(), c.span(), b));
        }
        if (Primitives.isPrimitive(n.name())) {
            layerArguments(n.name(), Primitives.signature(n.name()), c, args);
            return Typed.module(new Instance(Instance.Kind.PRIMITIVE, n.name(), c.span(), null));
        }
        Builtin builtin = Builtins.function(n.name());
        if (builtin == null || builtin.family() != Builtin.Family.VALUE || args.contains(null)
                || c.args().stream().anyMatch(a -> a.name() != null) || !builtin.signature().accepts(args.size())) {
            return null;
        }
        // A value function's result type, from small values of its arguments' types: its errors depend on values
        // (range of a negative count), which the elaborator checks where the code runs.
        return apply(builtin, args.stream().map(Typed::sample).toList(), Site.at(c.span(), FlopSink.NONE), false);
    }

    /** Applies a builtin to both representatives; a failure on both is reported when {@code report} is set. */
    private Typed apply(Builtin builtin, List<Typed> args, Site site, boolean report) {
        if (args.stream().anyMatch(a -> a.first() instanceof Value.ListOf)) {
            // Lists by their item type only: a + a + ... must not grow them as evaluation would.
            args = args.stream().map(Typed::shortened).toList();
        }
        Value first;
        Value second;
        ArchError failed = null;
        try {
            first = builtin.evaluate(args.stream().map(Typed::first).toList(), site);
        } catch (ArchError e) {
            first = null;
            failed = e;
        }
        try {
            second = builtin.evaluate(args.stream().map(Typed::second).toList(), site);
        } catch (ArchError e) {
            second = null;
        }
        if (first == null && second == null && failed != null && report) {
            report(failed);
        }
        if (first == null || second == null || first instanceof Value.Tensor || first instanceof Value.Error
                || !first.typeName().equals(second.typeName())) {
            return null;
        }
        return new Typed(first, second, args.stream().allMatch(Typed::exact));
    }

    /** Arguments of a block call against its declared parameter types. */
    private void blockArguments(Decl.Block b, Expr.Call c, List<Typed> args) {
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
    private void layerArguments(String layer, List<ParamSpec> sig, Expr.Call c, List<Typed> args) {
        java.util.Set<String> given = new java.util.HashSet<>();
        for (int k = 0; k < c.args().size(); k++) {
            Expr.Arg a = c.args().get(k);
            given.add(a.name() != null ? a.name() : k < sig.size() ? sig.get(k).name() : "");
        }
        for (ParamSpec p : sig) {
            if (p.defaultValue() == null && !given.contains(p.name())) {
                report(LayerArguments.missing(layer, sig, p, c.span()));
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
                report(p.type().equals("int3")
                        ? new ArchError(a.value().span(), what + " expects an int or a list of 3 ints, got "
                                + t.describe())
                        : Types.withIntHint(new ArchError(a.value().span(), what + " expects " + p.type()
                                + " but got " + t.describe()), p.type(), v));
            }
        }
    }

    /** A value of type {@code t} passed where {@code declared} is wanted: the rules of {@link Types#coerce}. */
    private void conforms(Typed t, Decl.TypeRef declared, Span at, String what) {
        if (!fits(t.first(), declared.name(), declared.listDepth(), t.exact())) {
            report(Types.withIntHint(new ArchError(at, what + " expects " + Types.text(declared) + " but got "
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

    private void report(ArchError e) {
        if (reporting) {
            diagnostics.report(e.diagnostic());
        }
    }

    /**
     * A value known by its type: two representatives of it (for ints 1 and -1, so that an operator failing on both
     * fails for a reason other than the value), or the value itself when it is a constant ({@code exact}).
     */
    record Typed(Value first, Value second, boolean exact) {
        static Typed exact(Value v) {
            return new Typed(v, v, true);
        }

        /** Representatives of a declared type, or null for a type that is not known here. */
        static Typed of(Decl.TypeRef type, Program program) {
            Typed t = switch (type.name()) {
                case "int" -> new Typed(new Value.Int(1), new Value.Int(-1), false);
                case "float" -> new Typed(new Value.Float(1.5), new Value.Float(-2.5), false);
                case "bool" -> new Typed(new Value.Bool(true), new Value.Bool(false), false);
                case "string" -> new Typed(new Value.Str("a"), new Value.Str("b"), false);
                case "size" -> type.listDepth() > 0 ? null
                        : listOf(new Typed(new Value.Int(1), new Value.Int(-1), false));
                default -> program.find(type.name()) instanceof Decl.Enum e && !e.constants().isEmpty()
                        ? new Typed(new Value.EnumConst(type.name(), e.constants().get(0).name()),
                                new Value.EnumConst(type.name(), e.constants().get(e.constants().size() - 1).name()),
                                false)
                        : null;
            };
            for (int k = 0; t != null && k < type.listDepth(); k++) {
                t = listOf(t);
            }
            return t;
        }

        /** A module: calls of blocks and layers, so that an operator on one is refused. */
        static Typed module(Instance instance) {
            return new Typed(new Value.Module(instance), new Value.Module(instance), false);
        }

        static Typed listOf(Typed element) {
            return new Typed(new Value.ListOf(List.of(element.first())), new Value.ListOf(List.of(element.second())),
                    false);
        }

        static Typed list(List<Typed> items) {
            return new Typed(new Value.ListOf(items.stream().map(Typed::first).toList()),
                    new Value.ListOf(items.stream().map(Typed::second).toList()), items.stream().allMatch(Typed::exact));
        }

        /** The type of an item, or null when there is none to tell it. */
        Typed element() {
            if (first instanceof Value.ListOf a && second instanceof Value.ListOf b && !a.items().isEmpty()
                    && !b.items().isEmpty()) {
                return new Typed(a.items().get(0), b.items().get(0), false);
            }
            return null;
        }

        /** Small values of the type, for a function whose cost grows with its arguments ({@code range}). */
        Typed sample() {
            return first instanceof Value.Int && second instanceof Value.Int
                    ? new Typed(new Value.Int(2), new Value.Int(3), false) : inexact();
        }

        /** A list cut to its first item (its type), anything else as it is. */
        Typed shortened() {
            if (first instanceof Value.ListOf && second instanceof Value.ListOf) {
                Typed item = element();
                return item == null ? inexact() : listOf(item);
            }
            return this;
        }

        Typed inexact() {
            return new Typed(first, second, false);
        }

        String typeName() {
            return first.typeName();
        }

        /** {@code float 0.5} for a constant, {@code a float} otherwise. */
        String describe() {
            if (exact) {
                return first.describe();
            }
            String name = first.typeName();
            return (name.startsWith("[") ? "a list " : "aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
        }
    }
}
