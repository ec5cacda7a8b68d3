package org.voxarch.compiler.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.ForwardStmt;
import org.voxarch.compiler.ast.Ident;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.builtins.ParamSpec;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/**
 * Writes the Java class of one block (or the body of a network class): fields in registration order, a
 * constructor that registers children under their spec names, and a forward with one statement per spec statement.
 */
final class BlockWriter {
    private final Program program;
    private final Decl.Block decl;
    private final InstanceShapes shapes;
    private final Map<String, Value> overrides;
    private final Map<String, Map<String, Value>> allOverrides;
    private final ExprTranslator tx;
    private final Set<String> usedInForward = new HashSet<>();
    private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
    private final Set<String> conditionalChildren = new HashSet<>();
    private final Scope scope = new Scope(null);
    private final List<PathOverride> pathOverrides;
    private final boolean withPaths;
    private final ModuleClasses modules;
    private final ReplacedChildren replaced;
    /** Replacements of items of the container child being written (see addItem). */
    private List<ReplacedChildren.Choice> itemChoices = List.of();
    private final LocalNames locals;
    /** The Java name of the state-dict path (constructor parameter, or the root's local). */
    private final String pathName;
    /** The Java name of the network constructor's {@code Parameters} argument. */
    private final String parametersName;

    /** A variant's override of one instance's parameter, applied where that instance is constructed. */
    record PathOverride(String path, String block, String parameter, String javaValue, String where) {}

    BlockWriter(Program program, Decl.Block decl, List<Instance> instances, Map<String, Map<String, Value>> overrides,
            ExprTranslator.BlockTypes blockTypes, List<PathOverride> pathOverrides, ReplacedChildren replaced,
            ModuleClasses modules) {
        this.modules = modules;
        this.replaced = replaced;
        this.locals = new LocalNames(decl);
        this.pathName = locals.fresh("path");
        this.parametersName = locals.fresh("parameters");
        this.pathOverrides = pathOverrides;
        // Instances learn their state-dict path only when a variant overrides a parameter or replaces a child of one
        // of them.
        this.withPaths = !pathOverrides.isEmpty() || replaced.needsPaths();
        this.program = program;
        this.decl = decl;
        this.shapes = new InstanceShapes(instances);
        this.allOverrides = overrides;
        this.overrides = overrides.getOrDefault(decl.name().name(), Map.of());
        this.tx = new ExprTranslator(program, blockTypes);
        if (decl.forward() != null) {
            List<String> names = new ArrayList<>();
            collectForwardNames(decl.forward().body(), names);
            usedInForward.addAll(names);
        }
    }

    /** Whether a block's forward returns several tensors. */
    static boolean returnsSeveral(Decl.Block b) {
        return b.forward() != null && anyMultiReturn(b.forward().body());
    }

    /** Whether a block is a {@code Layer}: one input, one output. */
    static boolean isLayer(Decl.Block b) {
        return b.forward() != null && b.forward().params().size() == 1 && !returnsSeveral(b);
    }

    private static boolean anyMultiReturn(List<ForwardStmt> body) {
        for (ForwardStmt s : body) {
            if (s instanceof ForwardStmt.Return r && r.values().size() > 1) {
                return true;
            }
            if (s instanceof ForwardStmt.If i && (anyMultiReturn(i.then()) || anyMultiReturn(i.otherwise()))) {
                return true;
            }
        }
        return false;
    }

    /** Constructor parameters: the block's parameters except those a variant fixed for every use. */
    List<Decl.Param> constructorParams() {
        List<Decl.Param> out = new ArrayList<>();
        for (Decl.Param p : decl.params()) {
            if (!overrides.containsKey(p.name().name())) {
                out.add(p);
            }
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Class

    TypeSpec.Builder write(TypeSpec.Builder type, String className, boolean network, ClassName paramsRecord) {
        type.addModifiers(Modifier.PUBLIC, Modifier.FINAL);
        type.superclass(JavaRefs.runtime(isLayer(decl) && !network ? "Layer" : "ArchModule"));
        CodeLines ctor = new CodeLines();
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
        if (network) {
            constructor.addJavadoc("Builds the network for the given parameters.\n");
            constructor.addParameter(paramsRecord, parametersName);
        } else {
            constructor.addJavadoc("Registers the children of {@code $L} with the spec's names.\n",
                    decl.name().name());
        }
        ctor.line("super(" + ExprTranslator.quote(decl.name().name()) + ");");
        for (Decl.Param p : decl.params()) {
            String pname = p.name().name();
            String java = JavaNames.member(pname);
            JType t = paramType(p);
            if (overrides.containsKey(pname)) {
                ctor.line(t.java() + " " + java + " = " + ExprTranslator.literal(overrides.get(pname)) + ";",
                        "fixed by the variant");
            } else if (network) {
                ctor.line(t.java() + " " + java + " = " + parametersName + "." + java + "();");
            } else {
                constructor.addParameter(typeName(t, modules), java);
            }
            scope.put(pname, new Scope.Sym(java, t, Scope.Kind.PARAM));
        }
        if (withPaths) {
            if (network) {
                ctor.line(JavaRefs.STRING + " " + pathName + " = \"\";", "the root's state-dict prefix");
            } else {
                constructor.addParameter(String.class, pathName);
                constructor.addJavadoc("@param $L this instance's state-dict prefix, where variant overrides"
                        + " apply\n", pathName);
            }
            for (PathOverride o : pathOverrides) {
                if (o.block().equals(decl.name().name())) {
                    ctor.open("if (" + pathName + ".equals(" + ExprTranslator.quote(o.path()) + "))");
                    ctor.line(JavaNames.member(o.parameter()) + " = " + o.javaValue() + ";", "variant override, "
                            + o.where());
                    ctor.close();
                }
            }
        }
        body(decl.body(), ctor, false);
        // Values the forward needs become fields.
        for (Decl.Param p : decl.params()) {
            String pname = p.name().name();
            if (usedInForward.contains(pname)) {
                Scope.Sym sym = scope.get(pname);
                addField(sym.java(), sym.type(), true, null);
                ctor.line("this." + sym.java() + " = " + sym.java() + ";");
            }
        }
        constructor.addCode(ctor.code(modules));
        for (FieldSpec f : fields.values()) {
            type.addField(f);
        }
        type.addMethod(constructor.build());
        if (decl.forward() != null) {
            type.addMethod(forward(network));
        }
        return type;
    }

    private JType paramType(Decl.Param p) {
        if (p.type() != null) {
            return JType.of(p.type());
        }
        return tx.typeOf(p.defaultValue(), scope);
    }

    static TypeName typeName(JType t, ModuleClasses modules) {
        return switch (t.kind()) {
            case LONG -> TypeName.LONG;
            case DOUBLE -> TypeName.DOUBLE;
            case BOOLEAN -> TypeName.BOOLEAN;
            case STRING -> ClassName.get(String.class);
            case LONGS -> ArrayTypeName.of(TypeName.LONG);
            case DOUBLES -> ArrayTypeName.of(TypeName.DOUBLE);
            case BOOLEANS -> ArrayTypeName.of(TypeName.BOOLEAN);
            case TENSOR -> JavaRefs.TENSOR_CLASS;
            case TENSORS -> ArrayTypeName.of(JavaRefs.TENSOR_CLASS);
            case MODULE_LIST -> ParameterizedTypeName.get(JavaRefs.runtime("ModuleList"), modules.of(t.name()));
            case ENUM, MODULE -> modules.of(t.name());
            default -> ClassName.get(Object.class);
        };
    }

    private void addField(String name, JType type, boolean isFinal, String comment) {
        if (fields.containsKey(name)) {
            return;
        }
        FieldSpec.Builder f = FieldSpec.builder(typeName(type, modules), name, Modifier.PRIVATE);
        if (isFinal) {
            f.addModifiers(Modifier.FINAL);
        }
        if (comment != null) {
            f.addJavadoc("$L\n", comment);
        }
        fields.put(name, f.build());
    }

    // ----------------------------------------------------------------------------------------------------------
    // Constructor body

    private void body(List<BodyStmt> stmts, CodeLines out, boolean conditional) {
        for (BodyStmt s : stmts) {
            String where = s.span().lineRef();
            if (s instanceof BodyStmt.Let l) {
                String java = JavaNames.member(l.name().name());
                JType t = tx.typeOf(l.value(), scope);
                out.line(t.java() + " " + java + " = " + tx.java(l.value(), scope) + ";", where);
                scope.put(l.name().name(), new Scope.Sym(java, t, Scope.Kind.LET));
                if (usedInForward.contains(l.name().name())) {
                    addField(java, t, !conditional, null);
                    out.line("this." + java + " = " + java + ";");
                }
            } else if (s instanceof BodyStmt.Child c) {
                child(c, out, conditional);
            } else if (s instanceof BodyStmt.If i) {
                out.open("if (" + tx.java(i.condition(), scope) + ")");
                body(i.then(), out, true);
                if (!i.otherwise().isEmpty()) {
                    out.reopen("else");
                    body(i.otherwise(), out, true);
                }
                out.close();
            } else if (s instanceof BodyStmt.Require r) {
                out.line(JavaRefs.VALUES + "require(" + tx.java(r.condition(), scope) + ", " + message(r) + ");",
                        where);
            } else if (s instanceof BodyStmt.InitRule rule) {
                initRule(rule, out);
            }
            // Inputs are metadata of the network (see INFO), not construction steps.
        }
    }

    private String message(BodyStmt.Require r) {
        if (r.message() == null) {
            return ExprTranslator.quote("requirement failed: " + Render.expr(r.condition()));
        }
        List<String> parts = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([A-Za-z_][A-Za-z_0-9]*)}").matcher(r.message());
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(ExprTranslator.quote(r.message().substring(last, m.start())));
            }
            Scope.Sym sym = scope.get(m.group(1));
            if (sym == null) {
                parts.add(ExprTranslator.quote(m.group()));
            } else if (sym.type().kind() == JType.Kind.LONGS || sym.type().kind() == JType.Kind.DOUBLES) {
                parts.add(JavaRefs.ARRAYS + "toString(" + sym.java() + ")");
            } else {
                parts.add(sym.java());
            }
            last = m.end();
        }
        if (last < r.message().length()) {
            parts.add(ExprTranslator.quote(r.message().substring(last)));
        }
        if (!parts.isEmpty() && !parts.get(0).startsWith("\"")) {
            parts.add(0, "\"\"");
        }
        return String.join(" + ", parts);
    }

    private void initRule(BodyStmt.InitRule rule, CodeLines out) {
        String type = rule.type().name();
        String layer = temp("layer");
        out.open(JavaRefs.INIT + "forEach(this, " + JavaRefs.module(type) + ".class, " + layer + " ->");
        for (BodyStmt.InitField f : rule.fields()) {
            String tensor = layer + "." + f.name().name() + "()";
            String call = initCall(f.value(), tensor);
            if (call == null) {
                continue;
            }
            if (f.name().name().equals("bias")) {
                out.line("if (" + tensor + " != null) {");
                out.line("    " + call + ";");
                out.line("}");
            } else {
                out.line(call + ";", f.span().lineRef());
            }
        }
        out.closeWith("});");
    }

    private String initCall(Expr value, String tensor) {
        String name;
        List<String> args = new ArrayList<>();
        if (value instanceof Expr.Name n) {
            name = n.name();
        } else if (value instanceof Expr.Call c && c.callee() instanceof Expr.Name n) {
            name = n.name();
            for (Expr.Arg a : c.args()) {
                args.add(tx.doubleArg(a.value(), scope));
            }
        } else {
            return null;
        }
        String all = args.isEmpty() ? "" : ", " + String.join(", ", args);
        return switch (name) {
            case "zeros" -> JavaRefs.INIT + "zeros(" + tensor + ")";
            case "ones" -> JavaRefs.INIT + "ones(" + tensor + ")";
            case "constant" -> JavaRefs.INIT + "constant(" + tensor + all + ")";
            case "uniform" -> JavaRefs.INIT + "uniform(" + tensor + all + ")";
            case "normal" -> args.size() == 1 ? JavaRefs.INIT + "normal(" + tensor + ", 0.0" + all + ")"
                    : JavaRefs.INIT + "normal(" + tensor + all + ")";
            case "trunc_normal" -> JavaRefs.INIT + "truncNormal(" + tensor + all + ")";
            default -> null;
        };
    }

    private void child(BodyStmt.Child c, CodeLines out, boolean conditional) {
        String spec = c.name().name();
        String java = JavaNames.member(spec);
        String where = c.span().lineRef();
        Expr value = c.value();
        if (conditional) {
            conditionalChildren.add(spec);
        }
        // An alias: one module under a second name.
        if (value instanceof Expr.Name n && scope.get(n.name()) != null
                && scope.get(n.name()).kind() == Scope.Kind.CHILD) {
            Scope.Sym target = scope.get(n.name());
            addField(java, target.type(), !conditional, "Alias of {@code " + n.name() + "}: the same module under a"
                    + " second name.");
            out.line("this." + java + " = registerAlias(" + ExprTranslator.quote(spec) + ", " + target.java() + ");",
                    where);
            scope.put(spec, new Scope.Sym(java, target.type(), Scope.Kind.CHILD));
            return;
        }
        if (value instanceof Expr.Call call && call.callee() instanceof Expr.Name n
                && (n.name().equals("param") || n.name().equals("buffer"))) {
            String register = n.name().equals("param") ? "registerParam" : "registerBuf";
            addField(java, JType.TENSOR, !conditional, null);
            out.line("this." + java + " = " + register + "(" + ExprTranslator.quote(spec) + ", " + tensorInit(call)
                    + ");", where);
            scope.put(spec, new Scope.Sym(java, JType.TENSOR, Scope.Kind.TENSOR_PARAM));
            return;
        }
        List<ReplacedChildren.Choice> choices = new ArrayList<>(replaced.child(decl.name().name(), spec));
        if (!choices.isEmpty() && choices.get(choices.size() - 1).blockWide()) {
            // Block-wide: what every instance builds, unless a replacement by path chose otherwise.
            value = choices.remove(choices.size() - 1).replacement().value();
        }
        itemChoices = replaced.items(decl.name().name(), spec);
        JType type = moduleType(value);
        for (ReplacedChildren.Choice choice : choices) {
            type = common(type, moduleType(choice.replacement().value()));
        }
        for (ReplacedChildren.Choice choice : itemChoices) {
            JType item = moduleType(choice.replacement().value());
            if (type.kind() == JType.Kind.MODULE_LIST && !item.name().equals(type.element().name())) {
                type = JType.moduleList(commonClass(type.element(), item));
            }
        }
        addField(java, type, !conditional, null);
        for (int i = 0; i < choices.size(); i++) {
            ReplacedChildren.Choice choice = choices.get(i);
            String test = "if (" + ReplacedChildren.condition(choice, pathName, childPath(spec)) + ")";
            if (i == 0) {
                out.open(test);
            } else {
                out.reopen("else " + test);
            }
            registerModule(choice.replacement().value(), spec, java, type, out, "variant replacement, "
                    + choice.replacement().span().lineRef());
        }
        if (!choices.isEmpty()) {
            out.reopen("else");
        }
        registerModule(value, spec, java, type, out, where);
        if (!choices.isEmpty()) {
            out.close();
        }
        itemChoices = List.of();
        scope.put(spec, new Scope.Sym(java, type, Scope.Kind.CHILD));
    }

    private JType common(JType a, JType b) {
        return a.equals(b) ? a : JType.module(commonClass(a, b));
    }

    /** Emits the construction and registration of a module child. */
    private void registerModule(Expr value, String spec, String java, JType type, CodeLines out, String where) {
        if (needsStatements(value)) {
            if (type.kind() == JType.Kind.MODULE_LIST || isContainerCall(value, "Sequential")) {
                boolean list = type.kind() == JType.Kind.MODULE_LIST;
                String init = "new " + JavaRefs.module(list ? "ModuleList" : "Sequential") + (list ? "<>()" : "()");
                out.line("this." + java + " = registerChild(" + ExprTranslator.quote(spec) + ", " + init + ");", where);
                addItems(((Expr.Call) value).args(), java, out, childPath(spec));
            } else {
                String temp = build(value, out, "module", childPath(spec));
                out.line("this." + java + " = registerChild(" + ExprTranslator.quote(spec) + ", " + temp + ");",
                        where);
            }
        } else {
            out.line("this." + java + " = registerChild(" + ExprTranslator.quote(spec) + ", "
                    + module(value, childPath(spec)) + ");", where);
        }
    }

    private static boolean isContainerCall(Expr e, String name) {
        return e instanceof Expr.Call c && c.callee() instanceof Expr.Name n && n.name().equals(name);
    }

    /** Whether building this module takes statements (loops, branches) rather than one expression. */
    private boolean needsStatements(Expr e) {
        if (e instanceof Expr.Call c && c.callee() instanceof Expr.Name n) {
            if (n.name().equals("ModuleList")) {
                return true;
            }
            if (n.name().equals("Sequential")) {
                for (Expr.Arg a : c.args()) {
                    if (!(a.value() instanceof Expr.Call) || needsStatements(a.value())) {
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

    /** Emits statements that build a module into a new local; returns the local's name. */
    private String build(Expr e, CodeLines out, String hint, String path) {
        if (e instanceof Expr.Conditional c) {
            JType t = moduleType(e);
            String temp = temp(hint);
            out.line(t.java() + " " + temp + ";");
            out.open("if (" + tx.java(c.condition(), scope) + ")");
            out.line(temp + " = " + buildOrExpr(c.then(), out, hint, path) + ";");
            out.reopen("else");
            out.line(temp + " = " + buildOrExpr(c.otherwise(), out, hint, path) + ";");
            out.close();
            return temp;
        }
        Expr.Call call = (Expr.Call) e;
        String kind = ((Expr.Name) call.callee()).name();
        JType t = moduleType(e);
        String temp = temp(kind.equals("Sequential") ? "sequential" : "modules");
        boolean sequential = kind.equals("Sequential");
        out.line(t.java() + " " + temp + " = new " + JavaRefs.module(sequential ? "Sequential" : "ModuleList")
                + (sequential ? "()" : "<>()") + ";");
        addItems(call.args(), temp, out, path);
        return temp;
    }

    private String buildOrExpr(Expr e, CodeLines out, String hint, String path) {
        return needsStatements(e) ? build(e, out, hint, path) : module(e, path);
    }

    /** Adds a container's items: list literals, comprehensions (loops), concatenations, conditionals. */
    private void addItems(List<Expr.Arg> args, String target, CodeLines out, String targetPath) {
        for (Expr.Arg a : args) {
            addItem(a.value(), target, out, targetPath);
        }
    }

    /** Java for a direct child's state-dict path (only used when a variant overrides by path). */
    private String childPath(String spec) {
        return withPaths ? JavaRefs.VALUES + "path(" + pathName + ", " + ExprTranslator.quote(spec) + ")" : null;
    }

    /** Java for the path of the item about to be added to a container: its index is the container's size. */
    private String itemPath(String target, String targetPath) {
        return withPaths ? JavaRefs.VALUES + "path(" + targetPath + ", " + target + ".size())" : null;
    }

    private void addItem(Expr e, String target, CodeLines out, String targetPath) {
        if (e instanceof Expr.ListLit l) {
            for (Expr.ListItem item : l.items()) {
                addItem(item.value(), target, out, targetPath);
            }
        } else if (e instanceof Expr.Binary b && b.op().equals("+")) {
            addItem(b.left(), target, out, targetPath);
            addItem(b.right(), target, out, targetPath);
        } else if (e instanceof Expr.Comprehension c) {
            String var = JavaNames.member(c.variable().name());
            out.open(loopHeader(var, c.source()));
            scope.put(c.variable().name(), new Scope.Sym(var, JType.LONG, Scope.Kind.LOOP));
            addItem(c.element(), target, out, targetPath);
            out.close();
        } else if (e instanceof Expr.Conditional c && needsStatements(e)) {
            out.open("if (" + tx.java(c.condition(), scope) + ")");
            addItem(c.then(), target, out, targetPath);
            out.reopen("else");
            addItem(c.otherwise(), target, out, targetPath);
            out.close();
        } else if (!itemChoices.isEmpty()) {
            // The variant replaces some items of this container: chosen by the item's path.
            String path = temp("itemPath");
            out.line(JavaRefs.STRING + " " + path + " = " + itemPath(target, targetPath) + ";");
            for (int i = 0; i < itemChoices.size(); i++) {
                ReplacedChildren.Choice choice = itemChoices.get(i);
                String test = "if (" + ReplacedChildren.condition(choice, pathName, path) + ")";
                if (i == 0) {
                    out.open(test);
                } else {
                    out.reopen("else " + test);
                }
                out.line(target + ".add(" + buildOrExpr(choice.replacement().value(), out, "module", path) + ");",
                        "variant replacement, " + choice.replacement().span().lineRef());
            }
            out.reopen("else");
            addLeaf(e, target, out, path);
            out.close();
        } else {
            addLeaf(e, target, out, itemPath(target, targetPath));
        }
    }

    private void addLeaf(Expr e, String target, CodeLines out, String path) {
        if (needsStatements(e)) {
            String temp = build(e, out, "module", path);
            out.line(target + ".add(" + temp + ");");
        } else {
            out.line(target + ".add(" + module(e, path) + ");");
        }
    }

    private String loopHeader(String var, Expr source) {
        if (source instanceof Expr.Call call && call.callee() instanceof Expr.Name n && n.name().equals("range")) {
            List<String> a = new ArrayList<>();
            for (Expr.Arg arg : call.args()) {
                a.add(tx.java(arg.value(), scope));
            }
            String from = a.size() == 1 ? "0" : a.get(0);
            String to = a.size() == 1 ? a.get(0) : a.get(1);
            String step = a.size() == 3 ? var + " += " + a.get(2) : var + "++";
            return "for (long " + var + " = " + from + "; " + var + " < " + to + "; " + step + ")";
        }
        return "for (long " + var + " : " + tx.java(source, scope) + ")";
    }

    private String temp(String hint) {
        return locals.fresh(hint);
    }

    /** A module-building expression: {@code new Linear(hidden, 4 * hidden, false)}. */
    private String module(Expr e, String path) {
        if (e instanceof Expr.Conditional c) {
            return tx.java(c.condition(), scope) + " ? " + module(c.then(), path) + " : "
                    + module(c.otherwise(), path);
        }
        Expr.Call call = (Expr.Call) e;
        String fn = ((Expr.Name) call.callee()).name();
        if (fn.equals("Sequential")) {
            List<String> items = new ArrayList<>();
            for (Expr.Arg a : call.args()) {
                items.add(module(a.value(),
                        withPaths ? JavaRefs.VALUES + "path(" + path + ", " + items.size() + ")" : null));
            }
            return "new " + JavaRefs.module("Sequential") + "(" + String.join(", ", items) + ")";
        }
        if (Primitives.isPrimitive(fn)) {
            return "new " + JavaRefs.module(fn) + "(" + String.join(", ", primitiveArgs(fn, call)) + ")";
        }
        Decl.Block callee = (Decl.Block) program.find(fn);
        List<String> args = new ArrayList<>(blockArgs(callee, call));
        if (withPaths) {
            args.add(path);
        }
        return "new " + JavaRefs.module(fn) + "(" + String.join(", ", args) + ")";
    }

    private List<String> primitiveArgs(String fn, Expr.Call call) {
        List<ParamSpec> sig = Primitives.signature(fn);
        Map<String, Expr> given = bind(call, sig.stream().map(ParamSpec::name).toList());
        List<String> out = new ArrayList<>();
        for (ParamSpec p : sig) {
            Expr e = given.get(p.name());
            String java;
            if (e == null) {
                Value d = p.defaultValue();
                java = p.type().equals("int3") ? JavaRefs.VALUES + "triple(" + ExprTranslator.literal(d) + ")"
                        : ExprTranslator.literal(d);
            } else if (p.type().equals("int3")) {
                java = tx.sizeArg(e, scope);
            } else if (p.type().equals("float")) {
                java = tx.doubleArg(e, scope);
            } else {
                java = tx.java(e, scope);
            }
            out.add(java);
        }
        return out;
    }

    private List<String> blockArgs(Decl.Block callee, Expr.Call call) {
        Map<String, Expr> given = bind(call, callee.params().stream().map(p -> p.name().name()).toList());
        Map<String, Value> fixed = allOverrides.getOrDefault(callee.name().name(), Map.of());
        // Defaults may refer to earlier parameters of the callee: translate them with those bound to our arguments.
        Scope calleeScope = new Scope(scope);
        List<String> out = new ArrayList<>();
        for (Decl.Param p : callee.params()) {
            String pname = p.name().name();
            JType t = p.type() != null ? JType.of(p.type()) : tx.typeOf(p.defaultValue(), calleeScope);
            Expr e = given.get(pname);
            String java;
            Expr value = e != null ? e : p.defaultValue();
            Scope from = e != null ? scope : calleeScope;
            if (t.kind() == JType.Kind.LONGS && p.type() != null && p.type().name().equals("size")) {
                java = tx.sizeArg(value, from);
            } else if (t.kind() == JType.Kind.DOUBLE) {
                java = tx.doubleArg(value, from);
            } else {
                java = tx.java(value, from, t);
            }
            calleeScope.put(pname, new Scope.Sym("(" + java + ")", t, Scope.Kind.PARAM));
            if (!fixed.containsKey(pname)) {
                out.add(java);
            }
        }
        return out;
    }

    private static Map<String, Expr> bind(Expr.Call call, List<String> names) {
        Map<String, Expr> given = new LinkedHashMap<>();
        int pos = 0;
        for (Expr.Arg a : call.args()) {
            given.put(a.name() == null ? names.get(pos++) : a.name(), a.value());
        }
        return given;
    }

    private String tensorInit(Expr.Call call) {
        Expr shape = null;
        Expr init = null;
        for (int i = 0; i < call.args().size(); i++) {
            Expr.Arg a = call.args().get(i);
            String key = a.name() == null ? (i == 0 ? "shape" : "init") : a.name();
            if (key.equals("shape")) {
                shape = a.value();
            } else {
                init = a.value();
            }
        }
        String dims = shape instanceof Expr.ListLit l && l.items().stream().noneMatch(Expr.ListItem::spread)
                ? String.join(", ", l.items().stream().map(item -> tx.java(item.value(), scope)).toList())
                : tx.java(shape, scope);
        if (init == null) {
            return JavaRefs.PARAMS + "zeros(" + dims + ")";
        }
        String name = init instanceof Expr.Name n ? n.name() : ((Expr.Name) ((Expr.Call) init).callee()).name();
        List<String> args = new ArrayList<>();
        if (init instanceof Expr.Call c) {
            for (Expr.Arg a : c.args()) {
                args.add(tx.doubleArg(a.value(), scope));
            }
        }
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

    /** The Java type of a child expression. */
    JType moduleType(Expr e) {
        if (e instanceof Expr.Conditional c) {
            JType a = moduleType(c.then());
            JType b = moduleType(c.otherwise());
            return a.equals(b) ? a : JType.module(commonClass(a, b));
        }
        if (e instanceof Expr.Name n && scope.get(n.name()) != null) {
            return scope.get(n.name()).type();
        }
        if (e instanceof Expr.Call call && call.callee() instanceof Expr.Name n) {
            String fn = n.name();
            if (fn.equals("ModuleList")) {
                JType element = null;
                for (Expr.Arg a : call.args()) {
                    JType t = itemType(a.value());
                    element = element == null ? t : element.equals(t) ? element : JType.module(commonClass(element, t));
                }
                return JType.moduleList(element == null ? "ArchModule" : element.name());
            }
            if (fn.equals("param") || fn.equals("buffer")) {
                return JType.TENSOR;
            }
            return JType.module(fn);
        }
        return JType.module("ArchModule");
    }

    private JType itemType(Expr e) {
        if (e instanceof Expr.ListLit l) {
            JType t = null;
            for (Expr.ListItem item : l.items()) {
                JType it = itemType(item.value());
                t = t == null ? it : t.equals(it) ? t : JType.module(commonClass(t, it));
            }
            return t == null ? JType.module("ArchModule") : t;
        }
        if (e instanceof Expr.Comprehension c) {
            return itemType(c.element());
        }
        if (e instanceof Expr.Binary b && b.op().equals("+")) {
            JType l = itemType(b.left());
            JType r = itemType(b.right());
            return l.equals(r) ? l : JType.module(commonClass(l, r));
        }
        return moduleType(e);
    }

    private String commonClass(JType a, JType b) {
        return isLayerClass(a.name()) && isLayerClass(b.name()) ? "Layer" : "ArchModule";
    }

    private boolean isLayerClass(String javaClass) {
        if (javaClass.equals("Sequential") || javaClass.equals("Layer") || Primitives.isPrimitive(javaClass)) {
            return true;
        }
        return program.find(javaClass) instanceof Decl.Block b && isLayer(b);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Forward

    private MethodSpec forward(boolean network) {
        Decl.Forward fwd = decl.forward();
        boolean several = returnsSeveral(decl);
        MethodSpec.Builder m = MethodSpec.methodBuilder("forward").addModifiers(Modifier.PUBLIC)
                .returns(several ? ArrayTypeName.of(JavaRefs.TENSOR_CLASS) : JavaRefs.TENSOR_CLASS);
        if (isLayer(decl) && !network) {
            m.addAnnotation(Override.class);
        }
        String output = shapes.output();
        m.addJavadoc("Forward pass (" + fwd.span().lineRef() + ")" + (output == null ? "." : "; output shape in this"
                + " network: " + output + ".") + "\n");
        Scope forwardScope = new Scope(scope);
        for (Ident p : fwd.params()) {
            String java = JavaNames.member(p.name());
            m.addParameter(JavaRefs.TENSOR_CLASS, java);
            forwardScope.put(p.name(), new Scope.Sym(java, JType.TENSOR, Scope.Kind.LOCAL));
        }
        CodeLines out = new CodeLines();
        if (usesBatch(fwd.body()) && !fwd.params().isEmpty()) {
            String batch = temp("batch");
            out.line("long " + batch + " = " + JavaNames.member(fwd.params().get(0).name()) + ".size(0);",
                    "B, the batch size");
            forwardScope.put("B", new Scope.Sym(batch, JType.LONG, Scope.Kind.BATCH));
        }
        Set<String> declared = new LinkedHashSet<>();
        for (Ident p : fwd.params()) {
            declared.add(p.name());
        }
        forwardStmts(fwd.body(), out, forwardScope, declared, several);
        m.addCode(out.code(modules));
        return m.build();
    }

    private void forwardStmts(List<ForwardStmt> stmts, CodeLines out, Scope locals, Set<String> declared,
            boolean several) {
        for (ForwardStmt s : stmts) {
            String comment = comment(s.span());
            if (s instanceof ForwardStmt.Assign a) {
                ExprTranslator.Code value = tx.translate(a.value(), locals);
                if (a.targets().size() == 1) {
                    String name = a.targets().get(0).name();
                    String java = JavaNames.member(name);
                    String decl = declared.add(name) ? JavaRefs.TENSOR + " " : "";
                    out.line(decl + java + " = " + value.java() + ";", comment);
                    locals.put(name, new Scope.Sym(java, JType.TENSOR, Scope.Kind.LOCAL));
                } else {
                    String parts = temp(partsName(a));
                    out.line(JavaRefs.TENSOR + "[] " + parts + " = " + value.java() + ";", comment);
                    for (int i = 0; i < a.targets().size(); i++) {
                        String name = a.targets().get(i).name();
                        String java = JavaNames.member(name);
                        String decl = declared.add(name) ? JavaRefs.TENSOR + " " : "";
                        out.line(decl + java + " = " + parts + "[" + i + "];");
                        locals.put(name, new Scope.Sym(java, JType.TENSOR, Scope.Kind.LOCAL));
                    }
                }
            } else if (s instanceof ForwardStmt.If i) {
                // Names first assigned inside the branches are declared before them.
                Set<String> assigned = new LinkedHashSet<>();
                assignedNames(i.then(), assigned);
                assignedNames(i.otherwise(), assigned);
                for (String name : assigned) {
                    if (declared.add(name)) {
                        out.line(JavaRefs.TENSOR + " " + JavaNames.member(name) + ";");
                        locals.put(name, new Scope.Sym(JavaNames.member(name), JType.TENSOR, Scope.Kind.LOCAL));
                    }
                }
                out.open("if (" + tx.java(i.condition(), locals) + ")");
                forwardStmts(i.then(), out, locals, declared, several);
                if (!i.otherwise().isEmpty()) {
                    out.reopen("else");
                    forwardStmts(i.otherwise(), out, locals, declared, several);
                }
                out.close();
            } else if (s instanceof ForwardStmt.Return r) {
                List<String> values = new ArrayList<>();
                for (Expr e : r.values()) {
                    values.add(tx.java(e, locals));
                }
                if (several) {
                    out.line("return new " + JavaRefs.TENSOR + "[] {" + String.join(", ", values) + "};", comment);
                } else {
                    out.line("return " + values.get(0) + ";", comment);
                }
            }
        }
    }

    private static String partsName(ForwardStmt.Assign a) {
        if (a.value() instanceof Expr.Call c && c.callee() instanceof Expr.Name n) {
            return JavaNames.member(n.name()) + "Outputs";
        }
        return "parts";
    }

    private static void assignedNames(List<ForwardStmt> stmts, Set<String> out) {
        for (ForwardStmt s : stmts) {
            if (s instanceof ForwardStmt.Assign a) {
                a.targets().forEach(t -> out.add(t.name()));
            } else if (s instanceof ForwardStmt.If i) {
                assignedNames(i.then(), out);
                assignedNames(i.otherwise(), out);
            }
        }
    }

    private String comment(Span span) {
        String shape = shapes.statement(span);
        return shape == null ? span.lineRef() : shape + "  " + span.lineRef();
    }

    private static boolean usesBatch(List<ForwardStmt> body) {
        List<String> names = new ArrayList<>();
        collectForwardNames(body, names);
        return names.contains("B");
    }

    private static void collectForwardNames(List<ForwardStmt> body, List<String> out) {
        for (ForwardStmt s : body) {
            if (s instanceof ForwardStmt.Assign a) {
                Render.names(a.value(), out);
            } else if (s instanceof ForwardStmt.If i) {
                Render.names(i.condition(), out);
                collectForwardNames(i.then(), out);
                collectForwardNames(i.otherwise(), out);
            } else if (s instanceof ForwardStmt.Return r) {
                r.values().forEach(v -> Render.names(v, out));
            }
        }
    }
}
