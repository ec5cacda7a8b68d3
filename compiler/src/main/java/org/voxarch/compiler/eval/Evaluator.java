package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.builtins.Builtin;
import org.voxarch.compiler.builtins.Builtins;
import org.voxarch.compiler.builtins.Checked;
import org.voxarch.compiler.builtins.Exponents;
import org.voxarch.compiler.builtins.FlopSink;
import org.voxarch.compiler.builtins.ParamSpec;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.builtins.Site;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.diag.Suggest;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/**
 * Evaluates expressions: parameter arithmetic in bodies (creating module instances for calls of blocks and layers),
 * and shape inference in forward (calling child modules, tensor functions and operators).
 */
final class Evaluator {
    private final Program program;
    private final Elaborator elaborator;
    private final ElementBudget budget = new ElementBudget();
    private final Containers containers = new Containers(this);
    private final ChildCalls children;
    private final LayerArguments layers;
    private boolean forward;
    /** Comprehension variables that only iterate natural ranges (for {@code **}), computed when first needed. */
    private Set<String> naturalLoopVariables;

    Evaluator(Program program, Elaborator elaborator) {
        this.program = program;
        this.elaborator = elaborator;
        this.layers = new LayerArguments(this, elaborator.origins());
        this.children = new ChildCalls(elaborator);
    }

    void enterForward() {
        forward = true;
    }

    boolean condition(Expr e, Env env, Instance owner) {
        Value v = eval(e, env, owner);
        if (v instanceof Value.Bool b) {
            return b.value();
        }
        throw new ArchError(e.span(), "a condition must be a bool, got " + v.describe());
    }

    Value eval(Expr e, Env env, Instance owner) {
        Value v = evalRaw(e, env, owner);
        if (v instanceof Value.Error) {
            throw new ArchError.Poisoned();
        }
        return v;
    }

    private Value evalRaw(Expr e, Env env, Instance owner) {
        if (e instanceof Expr.IntLit i) {
            return new Value.Int(i.value());
        } else if (e instanceof Expr.FloatLit f) {
            return new Value.Float(f.value());
        } else if (e instanceof Expr.BoolLit b) {
            return new Value.Bool(b.value());
        } else if (e instanceof Expr.StringLit s) {
            return new Value.Str(s.value());
        } else if (e instanceof Expr.Name n) {
            return name(n, env, owner);
        } else if (e instanceof Expr.ListLit l) {
            List<Value> items = new ArrayList<>();
            for (Expr.ListItem item : l.items()) {
                Value v = eval(item.value(), env, owner);
                if (!item.spread()) {
                    items.add(v);
                } else if (v instanceof Value.ListOf inner) {
                    budget.spread(items, inner, l.span());
                } else {
                    throw new ArchError(item.value().span(), "only a list can be spread with *, got "
                            + v.describe());
                }
            }
            return budget.literal(items, l.span());
        } else if (e instanceof Expr.Comprehension c) {
            budget.ensureOpen();
            Value source = eval(c.source(), env, owner);
            if (!(source instanceof Value.ListOf list)) {
                throw new ArchError(c.source().span(), "a comprehension iterates over a list, got "
                        + source.describe()).withHelp("use range(n) for 0..n-1");
            }
            List<Value> items = budget.comprehension(list, c.span());
            for (Value item : list.items()) {
                Env inner = new Env(env);
                inner.define(c.variable().name(), item, Env.Kind.LOOP);
                items.add(eval(c.element(), inner, owner));
            }
            return budget.comprehended(items, c.span());
        } else if (e instanceof Expr.Conditional c) {
            return condition(c.condition(), env, owner) ? eval(c.then(), env, owner)
                    : eval(c.otherwise(), env, owner);
        } else if (e instanceof Expr.Unary u) {
            return unary(u, eval(u.operand(), env, owner));
        } else if (e instanceof Expr.Binary b) {
            Value l = eval(b.left(), env, owner);
            Value r = eval(b.right(), env, owner);
            try {
                return binary(b, l, r, env, owner);
            } catch (ArchError error) {
                throw l instanceof Value.Tensor && r instanceof Value.Tensor ? aboutOperands(error, b, env) : error;
            }
        } else if (e instanceof Expr.Index i) {
            return index(i, eval(i.target(), env, owner), eval(i.index(), env, owner));
        } else if (e instanceof Expr.Member m) {
            return EnumNames.qualified(m, program);
        } else if (e instanceof Expr.Call c) {
            return call(c, env, owner);
        }
        throw new IllegalStateException("unhandled " + e);
    }

    /**
     * A failed tensor operation: says where operands that are parameters of the block come from, and blames an
     * operand that is an input of forward as given (right before left: {@code transp_conv(x) + skip}).
     */
    private ArchError aboutOperands(ArchError error, Expr.Binary b, Env env) {
        for (Expr operand : List.of(b.left(), b.right())) {
            Env.Binding binding = operand instanceof Expr.Name n ? env.lookup(n.name()) : null;
            if (binding != null && binding.kind() == Env.Kind.CHILD && binding.value() instanceof Value.Module m
                    && m.instance().isTensor()) {
                error = error.withNote("'" + Render.expr(operand) + "' is a " + m.instance().kindLabel() + " of shape "
                        + new Shape(m.instance().tensorShape()) + ", declared at " + m.instance().createdAt().location());
            }
        }
        String input = inputName(b.right(), env);
        if (input == null) {
            input = inputName(b.left(), env);
        }
        return input == null ? error : error.blaming(input);
    }

    /** The name of an unchanged forward input that {@code e} is, or null. */
    static String inputName(Expr e, Env env) {
        Env.Binding b = e instanceof Expr.Name n ? env.lookup(n.name()) : null;
        return b != null && b.kind() == Env.Kind.INPUT ? ((Expr.Name) e).name() : null;
    }

    private Value name(Expr.Name n, Env env, Instance owner) {
        Env.Binding b = env.lookup(n.name());
        if (b != null) {
            Value v = b.value();
            if (forward && v instanceof Value.Module m && m.instance().isTensor()) {
                return new Value.Tensor(new Shape(m.instance().tensorShape()), m.instance().dtype());
            }
            return v;
        }
        if (n.name().equals("B") && forward) {
            return new Value.Batch();
        }
        if (n.name().equals("B")) {
            return new Value.Batch();
        }
        List<Decl.Enum> enums = program.enumsOfConstant(n.name());
        if (enums.size() == 1) {
            return new Value.EnumConst(enums.get(0).name().name(), n.name());
        }
        if (enums.size() > 1) {
            return Value.EnumConst.ambiguous(enums.stream().map(x -> x.name().name()).toList(), n.name());
        }
        if (Builtins.isBareInitialiser(n.name())) {
            return new Value.Init(n.name(), List.of());
        }
        String onlyUnderIf = owner == null || owner.decl() == null ? null
                : ConditionalNames.explain(owner.decl(), n.name());
        if (onlyUnderIf != null) {
            throw new ArchError(n.span(), onlyUnderIf);
        }
        Set<String> candidates = new TreeSet<>(env.visibleNames());
        program.decls().forEach((k, d) -> {
            if (d instanceof Decl.Enum known) {
                known.constants().forEach(c -> candidates.add(c.name()));
            }
        });
        throw new ArchError(n.span(), unknownNameMessage(n.name()))
                .withHelp(Suggest.hint(n.name(), candidates));
    }

    private String unknownNameMessage(String name) {
        Decl d = program.find(name);
        if (d instanceof Decl.Block b) {
            return (b.network() ? "network '" : "block '") + name + "' must be called, e.g. " + name + "(...)";
        }
        if (Primitives.isPrimitive(name)) {
            return "layer '" + name + "' must be called, e.g. " + name + "(...)";
        }
        return "unknown name '" + name + "'";
    }

    private Value unary(Expr.Unary u, Value v) {
        return Builtins.unary(u.op()).evaluate(List.of(v), Site.at(u.span(), FlopSink.NONE));
    }

    private Value binary(Expr.Binary b, Value l, Value r, Env env, Instance owner) {
        if ((b.op().equals("==") || b.op().equals("!=")) && l instanceof Value.EnumConst x
                && r instanceof Value.EnumConst y) {
            // Settles constants that several enums declare (shared) from the other side.
            return new Value.Bool(b.op().equals("==") == EnumNames.same(x, y, b));
        }
        if (b.op().equals("+") && l instanceof Value.ListOf x && r instanceof Value.ListOf y) {
            budget.concatenation(x, y, b.span());
        }
        boolean natural = b.op().equals("**") && Exponents.natural(b.right(), name -> isNaturalLoopVariable(name,
                env));
        Value v = Builtins.binary(b.op()).evaluate(List.of(l, r), new Site(b.span(), List.of(b.left(), b.right()),
                natural, flops(owner, b.span())));
        return l instanceof Value.Tensor || r instanceof Value.Tensor ? ChildCalls.produced(v, owner, b.span()) : v;
    }

    /** A comprehension variable here, of a name that iterates natural ranges wherever it is bound. */
    private boolean isNaturalLoopVariable(String name, Env env) {
        Env.Binding binding = env.lookup(name);
        if (binding == null || binding.kind() != Env.Kind.LOOP) {
            return false;
        }
        if (naturalLoopVariables == null) {
            naturalLoopVariables = Exponents.loopVariables(program.decls().values());
        }
        return naturalLoopVariables.contains(name);
    }

    private static FlopSink flops(Instance owner, Span at) {
        return owner == null ? FlopSink.NONE : f -> Checked.addFlops(owner, at, f);
    }

    private Value index(Expr.Index i, Value target, Value idx) {
        if (!(idx instanceof Value.Int n)) {
            throw new ArchError(i.index().span(), "an index must be an int, got " + idx.describe());
        }
        List<?> items;
        if (target instanceof Value.ListOf l) {
            items = l.items();
        } else if (target instanceof Value.Tuple t) {
            items = t.items();
        } else if (target instanceof Value.Module m && m.instance().kind() == Instance.Kind.MODULE_LIST) {
            items = m.instance().entries();
        } else {
            throw new ArchError(i.span(), "cannot index " + target.describe());
        }
        long k = n.value() < 0 ? n.value() + items.size() : n.value();
        if (k < 0 || k >= items.size()) {
            throw new ArchError(i.index().span(), "index " + n.value() + " is out of range for "
                    + Render.expr(i.target()) + ", which has " + items.size() + (items.size() == 1 ? " item"
                    : " items")).withHelp(items.isEmpty() ? null : "valid indices are 0 to " + (items.size() - 1));
        }
        Object item = items.get((int) k);
        return item instanceof Instance.Entry entry ? new Value.Module(entry.child()) : (Value) item;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Calls

    private Value call(Expr.Call c, Env env, Instance owner) {
        if (c.callee() instanceof Expr.Name n && env.lookup(n.name()) == null) {
            return namedCall(n, c, env, owner);
        }
        Value callee = eval(c.callee(), env, owner);
        if (!(callee instanceof Value.Module m)) {
            throw notCallable(c, callee.describe());
        }
        if (!forward) {
            throw new ArchError(c.span(), "children are called in forward, not in the body");
        }
        List<Value> args = positional(c, env, owner);
        return children.call(m.instance(), args, c, env);
    }

    /** A call of something that is not a module ({@code described} as messages show values). */
    static ArchError notCallable(Expr.Call c, String described) {
        return new ArchError(c.callee().span(), "'" + Render.expr(c.callee()) + "' is " + described
                + " and cannot be called");
    }

    private List<Value> positional(Expr.Call c, Env env, Instance owner) {
        List<Value> args = new ArrayList<>();
        for (Expr.Arg a : c.args()) {
            if (a.name() != null) {
                throw new ArchError(a.span(), "inputs of forward are positional");
            }
            args.add(eval(a.value(), env, owner));
        }
        return args;
    }

    private Value namedCall(Expr.Name n, Expr.Call c, Env env, Instance owner) {
        String fn = n.name();
        Decl d = program.find(fn);
        if (d instanceof Decl.Block b && !b.network()) {
            if (forward) {
                throw new ArchError(c.span(), "block " + fn + " must be declared as a child in the body and"
                        + " called by its child name in forward")
                        .withHelp("declare it in the body, e.g. " + childExample(fn, c) + ", then call it here");
            }
            budget.spendModule(c.span());
            Instance inst = new Instance(Instance.Kind.BLOCK, fn, c.span(), b);
            elaborator.binder().bindArguments(inst, b, c.args(), null, env, owner, c.span());
            return new Value.Module(inst);
        }
        if (d instanceof Decl.Block b && b.network()) {
            throw new ArchError(c.span(), "network " + fn + " cannot be used inside another block");
        }
        if (Primitives.isPrimitive(fn)) {
            if (forward) {
                throw new ArchError(c.span(), "layer " + fn + " must be declared as a child in the body and"
                        + " called by its child name in forward")
                        .withHelp("declare it in the body, e.g. " + childExample(fn, c) + ", then call it here");
            }
            budget.spendModule(c.span());
            Instance inst = new Instance(Instance.Kind.PRIMITIVE, fn, c.span(), null);
            layers.bind(inst, Primitives.signature(fn), c, env, owner);
            Primitives.build(inst, c.span());
            return new Value.Module(inst);
        }
        Builtin builtin = Builtins.function(fn);
        if (builtin != null && builtin.family() == Builtin.Family.CONTAINER) {
            if (forward) {
                throw new ArchError(c.span(), fn + " is declared in the body, not in forward");
            }
            budget.spendModule(c.span());
            return containers.build(fn, c, env, owner);
        }
        if (builtin != null) {
            if (builtin.family() == Builtin.Family.TENSOR && !forward) {
                throw new ArchError(c.span(), fn + " works on tensors and is used in forward");
            }
            List<Value> args = positionalValues(c, env, owner);
            if (!builtin.signature().accepts(args.size())) {
                throw new ArchError(c.span(), fn + " takes " + builtin.signature().describe(fn) + ", got "
                        + args.size() + (args.size() == 1 ? " argument" : " arguments"));
            }
            budget.ensureOpen();
            Value v = budget.result(builtin.evaluate(args, Site.at(c.span(), flops(owner, c.span()))), c.span());
            return builtin.family() == Builtin.Family.TENSOR ? ChildCalls.produced(v, owner, c.span()) : v;
        }
        String onlyUnderIf = owner == null || owner.decl() == null ? null : ConditionalNames.explain(owner.decl(), fn);
        if (onlyUnderIf != null) {
            throw new ArchError(n.span(), onlyUnderIf);
        }
        Set<String> known = new TreeSet<>(program.decls().keySet());
        known.addAll(Primitives.names());
        known.addAll(Builtins.functionNames());
        known.addAll(env.visibleNames());
        throw new ArchError(n.span(), "unknown block, layer or function '" + fn + "'")
                .withHelp(Suggest.hint(fn, known));
    }

    /** {@code unet_res_block = UnetResBlock(cin, width)}: a declaration to suggest for a call in forward. */
    private static String childExample(String type, Expr.Call c) {
        String name = type.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        return name + " = " + Render.expr(c);
    }

    private List<Value> positionalValues(Expr.Call c, Env env, Instance owner) {
        List<Value> out = new ArrayList<>();
        for (Expr.Arg a : c.args()) {
            if (a.name() != null) {
                throw new ArchError(a.span(), Render.expr(c.callee()) + " takes positional arguments only");
            }
            out.add(eval(a.value(), env, owner));
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Helpers used by the elaborator

    Shape shapeOf(Value v, Span at) {
        if (!(v instanceof Value.ListOf l)) {
            throw new ArchError(at, "a shape is a list such as [B, 4, 64, 64, 64], got " + v.describe());
        }
        long[] dims = new long[l.items().size()];
        for (int i = 0; i < dims.length; i++) {
            Value d = l.items().get(i);
            if (d instanceof Value.Batch) {
                dims[i] = Shape.BATCH;
            } else if (d instanceof Value.Int n && n.value() > 0) {
                dims[i] = n.value();
            } else {
                throw new ArchError(at, "shape dimension " + i + " must be a positive int or B, got "
                        + d.describe());
            }
        }
        return new Shape(dims);
    }

    void checkInitRule(BodyStmt.InitRule rule, Env env, Instance owner) {
        String type = rule.type().name();
        List<ParamSpec> sig = Primitives.signature(type);
        if (sig == null) {
            throw new ArchError(rule.type().span(), "init rules apply to layer types; '" + type
                    + "' is not one").withHelp(Suggest.hint(type, Primitives.names()));
        }
        for (BodyStmt.InitField f : rule.fields()) {
            String field = f.name().name();
            if (!field.equals("weight") && !field.equals("bias")) {
                throw new ArchError(f.name().span(), type + " has no tensor '" + field + "'")
                        .withHelp("init rules set weight and bias");
            }
            Value v = eval(f.value(), env, owner);
            if (!(v instanceof Value.Init)) {
                throw new ArchError(f.value().span(), "expected an initialiser such as trunc_normal(0.02), got "
                        + v.describe());
            }
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z_0-9]*)}");

    /** Fills {@code {name}} placeholders of a require message with values. */
    String interpolate(String message, Env env, Instance owner, Span at) {
        Matcher m = PLACEHOLDER.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Env.Binding b = env.lookup(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(b == null ? m.group() : b.value().toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
