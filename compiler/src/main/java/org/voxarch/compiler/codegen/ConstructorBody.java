package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.voxarch.compiler.ir.BlockIr;
import org.voxarch.compiler.ir.Expr;

/**
 * The statements of a block's constructor, one per statement of the block's IR body: values ({@code let}),
 * children registered under their spec names, branches, requirements and initialisation rules.
 */
final class ConstructorBody {
    /** {@code {name}} in a requirement's message. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z_0-9]*)}");
    private final BlockCode code;
    private final ModuleExprs modules;

    ConstructorBody(BlockCode code) {
        this.code = code;
        this.modules = new ModuleExprs(code);
    }

    void write(List<BlockIr.BodyStmt> stmts, CodeLines out, boolean conditional) {
        Scope scope = code.scope;
        for (BlockIr.BodyStmt s : stmts) {
            String where = s.span().lineRef();
            if (s instanceof BlockIr.Let l) {
                String java = JavaNames.member(l.name());
                JType t = JType.of(l.type());
                out.line(t.java() + " " + java + " = " + code.tx.java(l.value(), scope) + ";", where);
                scope.put(l.name(), new Scope.Sym(java, t, Scope.Kind.LET));
                if (code.usedInForward(l.name())) {
                    code.field(java, t, !conditional, null);
                    out.line("this." + java + " = " + java + ";");
                }
            } else if (s instanceof BlockIr.Child c) {
                child(c, out, conditional);
            } else if (s instanceof BlockIr.If i) {
                out.open("if (" + code.tx.java(i.condition(), scope) + ")");
                write(i.then(), out, true);
                if (!i.otherwise().isEmpty()) {
                    out.reopen("else");
                    write(i.otherwise(), out, true);
                }
                out.close();
            } else if (s instanceof BlockIr.Require r) {
                out.line(JavaRefs.VALUES + "require(" + code.tx.java(r.condition(), scope) + ", " + message(r) + ");",
                        where);
            } else if (s instanceof BlockIr.InitRule rule) {
                InitRules.write(rule, out, code);
            }
        }
    }

    private String message(BlockIr.Require r) {
        if (r.message() == null) {
            return ExprTranslator.quote("requirement failed: " + r.conditionText());
        }
        List<String> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(r.message());
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(ExprTranslator.quote(r.message().substring(last, m.start())));
            }
            Scope.Sym sym = code.scope.get(m.group(1));
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

    private void child(BlockIr.Child c, CodeLines out, boolean conditional) {
        Scope scope = code.scope;
        String spec = c.name();
        String java = JavaNames.member(spec);
        String where = c.span().lineRef();
        Expr value = c.value();
        String name = ExprTranslator.quote(spec);
        String block = code.ir.name();
        List<ReplacedChildren.Choice> choices = code.replacements.child(block, spec);
        // An alias: one module under a second name (unless a variant replaces it; then see below).
        if (choices.isEmpty() && isAlias(value)) {
            String target = ((Expr.Ref) value).name();
            JType type = code.field(java, scope.get(target).type(), !conditional, "Alias of {@code " + target
                    + "}: the same module under a second name.");
            out.line("this." + java + " = registerAlias(" + name + ", " + scope.get(target).java() + ");", where);
            scope.put(spec, new Scope.Sym(java, type, Scope.Kind.CHILD));
            return;
        }
        if (value instanceof Expr.Construct tensor && tensor.kind() == Expr.ConstructKind.TENSOR) {
            String register = tensor.typeName().equals("param") ? "registerParam" : "registerBuf";
            code.field(java, JType.TENSOR, !conditional, null);
            out.line("this." + java + " = " + register + "(" + name + ", " + modules.tensorInit(tensor) + ");", where);
            scope.put(spec, new Scope.Sym(java, JType.TENSOR, Scope.Kind.TENSOR_PARAM));
            return;
        }
        List<ReplacedChildren.Choice> itemChoices = code.replacements.items(block, spec);
        JType type = isAlias(value) ? scope.get(((Expr.Ref) value).name()).type() : code.childTypes.of(value);
        for (ReplacedChildren.Choice choice : choices) {
            type = code.childTypes.common(type, code.childTypes.of(choice.value()));
        }
        for (ReplacedChildren.Choice choice : itemChoices) {
            JType item = code.childTypes.of(choice.value());
            if (type.kind() == JType.Kind.MODULE_LIST && !item.name().equals(type.element().name())) {
                type = JType.moduleList(code.childTypes.common(type.element(), item).name());
            }
        }
        JType fieldType = code.field(java, type, !conditional, null);
        String context = modules.childContext(spec);
        modules.replacingItems(itemChoices);
        ReplacedChildren.openBranches(choices, code.context, context, out,
                choice -> register(modules.lower(choice), spec, fieldType, out, ReplacedChildren.comment(choice)));
        if (!choices.isEmpty()) {
            out.reopen("else");
        }
        register(value, spec, fieldType, out, where);
        if (!choices.isEmpty()) {
            out.close();
        }
        modules.replacingItems(List.of());
        scope.put(spec, new Scope.Sym(java, fieldType, Scope.Kind.CHILD));
    }

    /** {@code F = E}: the child is a second name of an earlier child. */
    private boolean isAlias(Expr value) {
        return value instanceof Expr.Ref r && code.scope.get(r.name()) != null
                && code.scope.get(r.name()).kind() == Scope.Kind.CHILD;
    }

    /** Builds a module child (or, for an alias not replaced, names the earlier one) under its spec name. */
    private void register(Expr value, String spec, JType type, CodeLines out, String where) {
        String java = JavaNames.member(spec);
        String name = ExprTranslator.quote(spec);
        String context = modules.childContext(spec);
        if (isAlias(value)) {
            out.line("this." + java + " = registerAlias(" + name + ", " + code.scope.get(((Expr.Ref) value).name())
                    .java() + ");", where);
        } else if (modules.needsStatements(value)) {
            boolean list = type.kind() == JType.Kind.MODULE_LIST;
            if (list || value instanceof Expr.Construct c && c.typeName().equals("Sequential")) {
                String init = "new " + JavaRefs.module(list ? "ModuleList" : "Sequential") + (list ? "<>()" : "()");
                out.line("this." + java + " = registerChild(" + name + ", " + init + ");", where);
                modules.addItems(((Expr.Construct) value).args(), java, out, context);
            } else {
                String temp = modules.build(value, out, "module", context);
                out.line("this." + java + " = registerChild(" + name + ", " + temp + ");", where);
            }
        } else {
            out.line("this." + java + " = registerChild(" + name + ", " + modules.module(value, context) + ");",
                    where);
        }
    }
}
