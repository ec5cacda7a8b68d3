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
    /** What a forward input or local is: a tensor, known only to be one (compared by identity). */
    private static final Typed TENSOR = Typed.exact(new Value.Str("tensor"));

    private final StaticArguments arguments;
    /** Whether mistakes found now are reported (false inside code an elaboration reached). */
    private boolean reporting;

    private StaticTypes(Program program, Diagnostics diagnostics, Set<Span> reached) {
        this.program = program;
        this.diagnostics = diagnostics;
        this.reached = reached;
        this.naturalLoopVariables = Exponents.loopVariables(program.decls().values());
        this.arguments = new StaticArguments(program, this::report);
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
        if (whollyReached(b)) {
            // Elaboration checked every statement of it with real values: nothing is left to report.
            return;
        }
        Map<String, Typed> scope = new HashMap<>();
        for (Decl.Param p : b.params()) {
            Typed declared = p.type() == null ? null : Typed.of(p.type(), program);
            if (p.defaultValue() != null) {
                reporting = !reached.contains(p.defaultValue().span());
                Typed given = type(p.defaultValue(), scope);
                if (declared != null && given != null) {
                    arguments.conforms(given, p.type(), p.defaultValue().span(), b.name().name() + " parameter '"
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
            b.forward().params().forEach(p -> locals.put(p.name(), TENSOR));
            forward(b.forward().body(), locals);
        }
    }

    private boolean whollyReached(Decl.Block b) {
        return b.params().stream().allMatch(p -> p.defaultValue() == null || reached.contains(p.defaultValue().span()))
                && bodyReached(b.body()) && (b.forward() == null || forwardReached(b.forward().body()));
    }

    private boolean bodyReached(List<BodyStmt> stmts) {
        return stmts.stream().allMatch(s -> reached.contains(s.span())
                && (!(s instanceof BodyStmt.If i) || bodyReached(i.then()) && bodyReached(i.otherwise())));
    }

    private boolean forwardReached(List<ForwardStmt> stmts) {
        return stmts.stream().allMatch(s -> reached.contains(s.span())
                && (!(s instanceof ForwardStmt.If i) || forwardReached(i.then()) && forwardReached(i.otherwise())));
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
                // Locals of forward are tensors (a tuple is unpacked into tensors).
                a.targets().forEach(t -> locals.put(t.name(), TENSOR));
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
            // Tensors are not typed here: only a call of one is known to be wrong.
            return scope.get(n.name()) == TENSOR ? null : scope.get(n.name());
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
            if (callee == TENSOR) {
                report(Evaluator.notCallable(c, "a tensor"));
            } else if (callee != null && !(callee.first() instanceof Value.Module)) {
                report(Evaluator.notCallable(c, callee.describe()));
            }
            return null;
        }
        if (program.find(n.name()) instanceof Decl.Block b && !b.network()) {
            arguments.ofBlock(b, c, args);
            return Typed.module(new Instance(Instance.Kind.BLOCK, n.name(), c.span(), b));
        }
        if (Primitives.isPrimitive(n.name())) {
            arguments.ofLayer(n.name(), Primitives.signature(n.name()), c, args);
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

    private void report(ArchError e) {
        if (reporting) {
            diagnostics.report(e.diagnostic());
        }
    }
}
