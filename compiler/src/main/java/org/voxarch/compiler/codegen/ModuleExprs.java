package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.builtins.ParamSpec;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.ir.BlockIr;
import org.voxarch.compiler.ir.Expr;
import org.voxarch.compiler.model.Value;

/**
 * Java that builds the modules a block's children are made of, from their IR: {@code new Linear(hidden, 4 *
 * hidden, false)}, {@code new EPA(context.at("epa_block"), ...)}, containers filled by loops. Each block is built in
 * the {@code BlockContext} of the path it will be registered at.
 */
final class ModuleExprs {
    private final BlockCode code;
    /** The variants' replacements of items of the container child being built (see {@link #addItem}). */
    private List<ReplacedChildren.Choice> itemChoices = List.of();

    ModuleExprs(BlockCode code) {
        this.code = code;
    }

    /** While a container child is built: the replacements of its items. */
    void replacingItems(List<ReplacedChildren.Choice> choices) {
        itemChoices = choices;
    }

    /** A variant's replacement, lowered in the scope of the block that declares the child. */
    Expr lower(ReplacedChildren.Choice choice) {
        return code.tx.lowering().expr(choice.value(), scope());
    }

    private Scope scope() {
        return code.scope;
    }

    /** Java for the context of the direct child {@code spec}. */
    String childContext(String spec) {
        return code.context + ".at(" + ExprTranslator.quote(spec) + ")";
    }

    /** Java for the context of the item about to be added to a container: its index is the container's size. */
    private static String itemContext(String container, String containerContext) {
        return containerContext + ".at(" + container + ".size())";
    }

    /** A module-building expression, built in {@code context}. */
    String module(Expr e, String context) {
        if (e instanceof Expr.Conditional c) {
            return code.tx.java(c.condition(), scope()) + " ? " + module(c.then(), context) + " : "
                    + module(c.otherwise(), context);
        }
        Expr.Construct call = (Expr.Construct) e;
        String fn = call.typeName();
        if (fn.equals("Sequential")) {
            List<String> items = new ArrayList<>();
            for (Expr.Arg a : call.args()) {
                items.add(module(a.value(), context + ".at(" + items.size() + ")"));
            }
            return "new " + JavaRefs.module("Sequential") + "(" + String.join(", ", items) + ")";
        }
        if (Primitives.isPrimitive(fn)) {
            return "new " + JavaRefs.module(fn) + "(" + String.join(", ", primitiveArgs(fn, call)) + ")";
        }
        BlockIr callee = code.programIr.block(fn);
        List<String> args = new ArrayList<>();
        args.add(context);
        args.addAll(blockArgs(callee, call));
        return "new " + JavaRefs.module(fn) + "(" + String.join(", ", args) + ")";
    }

    /**
     * Layers whose runtime class also has a constructor without the rarely used trailing options (dilation, groups,
     * transposed padding, affine), by that constructor's argument count: the options are left out of the generated
     * call when the spec does not set them, so a plain convolution reads as one.
     */
    private static final Map<String, Integer> SHORT_CONSTRUCTORS = Map.of("Conv3d", 6, "ConvTranspose3d", 5,
            "LayerNorm", 2);

    private List<String> primitiveArgs(String fn, Expr.Construct call) {
        List<ParamSpec> sig = Primitives.signature(fn);
        Map<String, Expr> given = bind(call, sig.stream().map(ParamSpec::name).toList());
        int shortCount = SHORT_CONSTRUCTORS.getOrDefault(fn, sig.size());
        boolean optionsSet = sig.subList(Math.min(shortCount, sig.size()), sig.size()).stream()
                .anyMatch(p -> given.containsKey(p.name()));
        List<ParamSpec> passed = optionsSet ? sig : sig.subList(0, Math.min(shortCount, sig.size()));
        List<String> out = new ArrayList<>();
        for (ParamSpec p : passed) {
            Expr e = given.get(p.name());
            String java;
            if (e == null) {
                Value d = p.defaultValue();
                java = p.type().equals("int3") ? JavaRefs.VALUES + "triple(" + ExprTranslator.literal(d) + ")"
                        : ExprTranslator.literal(d);
            } else if (p.type().equals("int3")) {
                java = code.tx.sizeArg(e, scope());
            } else if (p.type().equals("float")) {
                java = code.tx.doubleArg(e, scope());
            } else {
                java = code.tx.java(e, scope());
            }
            out.add(java);
        }
        return out;
    }

    /** The arguments of a block's constructor after its context: given ones, else the block's defaults. */
    private List<String> blockArgs(BlockIr callee, Expr.Construct call) {
        Map<String, Expr> given = bind(call, callee.params().stream().map(BlockIr.Param::name).toList());
        Map<String, String> passed = new LinkedHashMap<>();
        for (BlockIr.Param p : callee.params()) {
            String pname = p.name();
            JType t = JType.of(p.type());
            Expr e = given.get(pname);
            String java = e != null ? BlockDefaults.convert(code.tx, p, t, e, scope())
                    : BlockDefaults.atCallSite(callee, p, t, passed, code.overrides, code.context);
            passed.put(pname, java);
        }
        return List.copyOf(passed.values());
    }

    private static Map<String, Expr> bind(Expr.Construct call, List<String> names) {
        Map<String, Expr> given = new LinkedHashMap<>();
        int pos = 0;
        for (Expr.Arg a : call.args()) {
            given.put(a.name() == null ? names.get(pos++) : a.name(), a.value());
        }
        return given;
    }

    /** Whether building this module takes statements (loops, branches) rather than one expression. */
    boolean needsStatements(Expr e) {
        if (e instanceof Expr.Construct c) {
            if (c.typeName().equals("ModuleList")) {
                return true;
            }
            if (c.typeName().equals("Sequential")) {
                for (Expr.Arg a : c.args()) {
                    if (!isCall(a.value()) || needsStatements(a.value())) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (e instanceof Expr.Conditional c) {
            return needsStatements(c.then()) || needsStatements(c.otherwise());
        }
        return false;
    }

    private static boolean isCall(Expr e) {
        return e instanceof Expr.Construct || e instanceof Expr.BuiltinCall || e instanceof Expr.ModuleCall;
    }

    /** Emits statements that build a module into a new local; returns the local's name. */
    String build(Expr e, CodeLines out, String hint, String context) {
        if (e instanceof Expr.Conditional c) {
            JType t = code.childTypes.of(e);
            String temp = code.locals.fresh(hint);
            out.line(t.java() + " " + temp + ";");
            out.open("if (" + code.tx.java(c.condition(), scope()) + ")");
            out.line(temp + " = " + buildOrExpr(c.then(), out, hint, context) + ";");
            out.reopen("else");
            out.line(temp + " = " + buildOrExpr(c.otherwise(), out, hint, context) + ";");
            out.close();
            return temp;
        }
        Expr.Construct call = (Expr.Construct) e;
        boolean sequential = call.typeName().equals("Sequential");
        JType t = code.childTypes.of(e);
        String temp = code.locals.fresh(sequential ? "sequential" : "modules");
        out.line(t.java() + " " + temp + " = new " + JavaRefs.module(sequential ? "Sequential" : "ModuleList")
                + (sequential ? "()" : "<>()") + ";");
        addItems(call.args(), temp, out, context);
        return temp;
    }

    private String buildOrExpr(Expr e, CodeLines out, String hint, String context) {
        return needsStatements(e) ? build(e, out, hint, context) : module(e, context);
    }

    /** Adds a container's items: list literals, comprehensions (loops), concatenations, conditionals. */
    void addItems(List<Expr.Arg> args, String container, CodeLines out, String containerContext) {
        for (Expr.Arg a : args) {
            addItem(a.value(), container, out, containerContext);
        }
    }

    private void addItem(Expr e, String container, CodeLines out, String containerContext) {
        if (e instanceof Expr.ListLit l) {
            for (Expr.Item item : l.items()) {
                addItem(item.value(), container, out, containerContext);
            }
        } else if (e instanceof Expr.Binary b && b.op().equals("+")) {
            addItem(b.left(), container, out, containerContext);
            addItem(b.right(), container, out, containerContext);
        } else if (e instanceof Expr.Comprehension c) {
            String var = JavaNames.member(c.variable());
            out.open(loopHeader(var, c.source()));
            scope().put(c.variable(), new Scope.Sym(var, JType.LONG, Scope.Kind.LOOP));
            addItem(c.element(), container, out, containerContext);
            out.close();
        } else if (e instanceof Expr.Conditional c && needsStatements(e)) {
            out.open("if (" + code.tx.java(c.condition(), scope()) + ")");
            addItem(c.then(), container, out, containerContext);
            out.reopen("else");
            addItem(c.otherwise(), container, out, containerContext);
            out.close();
        } else if (!itemChoices.isEmpty()) {
            // Some variant replaces items of this container: chosen by the item's path.
            String item = code.locals.fresh("item");
            out.line(JavaRefs.t(JavaRefs.runtime("BlockContext")) + " " + item + " = "
                    + itemContext(container, containerContext) + ";");
            ReplacedChildren.openBranches(itemChoices, code.context, item, out,
                    choice -> out.line(container + ".add(" + buildOrExpr(lower(choice), out, "module", item) + ");",
                            ReplacedChildren.comment(choice)));
            out.reopen("else");
            addLeaf(e, container, out, item);
            out.close();
        } else {
            addLeaf(e, container, out, itemContext(container, containerContext));
        }
    }

    private void addLeaf(Expr e, String container, CodeLines out, String context) {
        if (needsStatements(e)) {
            String temp = build(e, out, "module", context);
            out.line(container + ".add(" + temp + ");");
        } else {
            out.line(container + ".add(" + module(e, context) + ");");
        }
    }

    private String loopHeader(String var, Expr source) {
        if (source instanceof Expr.BuiltinCall call && call.name().equals("range")) {
            List<String> a = new ArrayList<>();
            for (Expr.Arg arg : call.args()) {
                a.add(code.tx.java(arg.value(), scope()));
            }
            String from = a.size() == 1 ? "0" : a.get(0);
            String to = a.size() == 1 ? a.get(0) : a.get(1);
            String step = a.size() == 3 ? var + " += " + a.get(2) : var + "++";
            return "for (long " + var + " = " + from + "; " + var + " < " + to + "; " + step + ")";
        }
        return "for (long " + var + " : " + code.tx.java(source, scope()) + ")";
    }

    /** {@code Params.truncNormal(0.02, hidden)}: a tensor child's initial value. */
    String tensorInit(Expr.Construct call) {
        Expr shape = null;
        Expr init = null;
        boolean int64 = false;
        for (int i = 0; i < call.args().size(); i++) {
            Expr.Arg a = call.args().get(i);
            String key = a.name() == null ? (i == 0 ? "shape" : "init") : a.name();
            if (key.equals("shape")) {
                shape = a.value();
            } else if (key.equals("dtype")) {
                int64 = a.value() instanceof Expr.StrLit d && d.value().equals("int64");
            } else {
                init = a.value();
            }
        }
        String filled = filled(shape, init);
        return int64 ? JavaRefs.PARAMS + "int64(" + filled + ")" : filled;
    }

    private String filled(Expr shape, Expr init) {
        String dims = shape instanceof Expr.ListLit l && l.items().stream().noneMatch(Expr.Item::spread)
                ? String.join(", ", l.items().stream().map(item -> code.tx.java(item.value(), scope())).toList())
                : code.tx.java(shape, scope());
        if (init == null) {
            return JavaRefs.PARAMS + "zeros(" + dims + ")";
        }
        List<String> args = new ArrayList<>();
        String name = InitRules.initialiser(init, args, code);
        if (name.equals("normal") && args.size() == 1) {
            args.add(0, "0.0");
        }
        String method = switch (name) {
            case "trunc_normal" -> "truncNormal";
            case "default" -> "defaultInit";
            default -> name;
        };
        args.add(dims);
        return JavaRefs.PARAMS + method + "(" + String.join(", ", args) + ")";
    }
}
