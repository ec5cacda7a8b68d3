package org.voxarch.compiler.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.ir.Expr;
import org.voxarch.compiler.ir.Forward;
import org.voxarch.compiler.ir.Stmt;
import org.voxarch.compiler.ir.Stmts;

/**
 * A block's {@code forward}, from the block's IR: one Java statement per spec statement, each with the shape it
 * computes (in every instance, or how it varies between them) and the spec line it comes from.
 */
final class ForwardWriter {
    private final BlockCode code;
    private final InstanceShapes shapes;

    ForwardWriter(BlockCode code, InstanceShapes shapes) {
        this.code = code;
        this.shapes = shapes;
    }

    MethodSpec write(boolean overridesLayer) {
        Forward fwd = code.ir.forward();
        boolean several = fwd.returnsSeveral();
        MethodSpec.Builder m = MethodSpec.methodBuilder("forward").addModifiers(Modifier.PUBLIC)
                .returns(several ? ArrayTypeName.of(JavaRefs.TENSOR_CLASS) : JavaRefs.TENSOR_CLASS);
        if (overridesLayer) {
            m.addAnnotation(Override.class);
        }
        String output = shapes.output();
        m.addJavadoc("Forward pass (" + fwd.span().lineRef() + ")" + (output == null ? "." : "; output shape: "
                + output + ".") + "\n");
        Scope forwardScope = new Scope(code.scope);
        for (String p : fwd.params()) {
            String java = JavaNames.member(p);
            m.addParameter(JavaRefs.TENSOR_CLASS, java);
            forwardScope.put(p, new Scope.Sym(java, JType.TENSOR, Scope.Kind.LOCAL));
        }
        CodeLines out = new CodeLines();
        if (fwd.usesBatch()) {
            String batch = code.locals.fresh("batch");
            out.line("long " + batch + " = " + JavaNames.member(fwd.params().get(0)) + ".size(0);",
                    "B, the batch size");
            forwardScope.put("B", new Scope.Sym(batch, JType.LONG, Scope.Kind.BATCH));
        }
        Set<String> declared = new LinkedHashSet<>(fwd.params());
        // Temporaries die at the end of their statement, a local's old value when it is assigned again, the rest
        // when the forward returns; the results pass to the caller's scope.
        String nativeScope = code.locals.fresh("scope");
        String scopeType = JavaRefs.t(JavaRefs.runtime("ForwardScope"));
        out.line(scopeType + " " + nativeScope + " = " + scopeType + ".open();");
        out.open("try");
        statements(fwd.body(), out, forwardScope, declared, several, nativeScope, new HashSet<>(declared));
        out.reopen("finally");
        out.line(nativeScope + ".close();");
        out.close();
        m.addCode(out.code(code.modules));
        return m.build();
    }

    /**
     * @param assigned names that surely hold a value here: assigning one again releases its old value
     * @param nativeScope the Java name of the forward's {@code ForwardScope}, which frees each statement's
     *     temporaries and every value no local holds any more
     */
    private void statements(List<Stmt> stmts, CodeLines out, Scope locals, Set<String> declared,
            boolean several, String nativeScope, Set<String> assigned) {
        for (Stmt s : stmts) {
            String comment = comment(s.span());
            if (s instanceof Stmt.Assign a) {
                assign(a, out, locals, declared, comment, nativeScope, assigned);
            } else if (s instanceof Stmt.If i) {
                // Names first assigned inside the branches are declared before them.
                Set<String> inBranches = new LinkedHashSet<>();
                Stmts.assignedNames(i.bodies().stream().flatMap(List::stream).toList(), inBranches);
                for (String name : inBranches) {
                    if (declared.add(name)) {
                        out.line(JavaRefs.TENSOR + " " + JavaNames.member(name) + ";");
                        locals.put(name, new Scope.Sym(JavaNames.member(name), JType.TENSOR, Scope.Kind.LOCAL));
                    }
                }
                out.open("if (" + code.tx.java(i.condition(), locals) + ")");
                Set<String> afterThen = new HashSet<>(assigned);
                statements(i.then(), out, locals, declared, several, nativeScope, afterThen);
                Set<String> afterElse = new HashSet<>(assigned);
                if (!i.otherwise().isEmpty()) {
                    out.reopen("else");
                    statements(i.otherwise(), out, locals, declared, several, nativeScope, afterElse);
                }
                out.close();
                afterThen.retainAll(afterElse);
                assigned.addAll(afterThen);
            } else if (s instanceof Stmt.Return r) {
                List<String> values = new ArrayList<>();
                for (Expr e : r.values()) {
                    values.add(code.tx.java(e, locals));
                }
                if (several) {
                    out.line("return " + nativeScope + ".keep(new " + JavaRefs.TENSOR + "[] {"
                            + String.join(", ", values) + "});", comment);
                } else {
                    out.line("return " + nativeScope + ".keep(" + values.get(0) + ");", comment);
                }
            }
        }
    }

    private void assign(Stmt.Assign a, CodeLines out, Scope locals, Set<String> declared, String comment,
            String nativeScope, Set<String> assigned) {
        ExprTranslator.Code value = code.tx.translate(a.value(), locals);
        if (a.targets().size() == 1) {
            String name = a.targets().get(0);
            String java = JavaNames.member(name);
            String decl = declared.add(name) ? JavaRefs.TENSOR + " " : "";
            String bound = assigned.add(name) ? nativeScope + ".bind(" + value.java() + ")"
                    : nativeScope + ".rebind(" + java + ", " + value.java() + ")";
            out.line(decl + java + " = " + bound + ";", comment);
            locals.put(name, new Scope.Sym(java, JType.TENSOR, Scope.Kind.LOCAL));
            return;
        }
        String parts = code.locals.fresh(partsName(a));
        out.line(JavaRefs.TENSOR + "[] " + parts + " = " + nativeScope + ".bind(" + value.java() + ");", comment);
        for (int i = 0; i < a.targets().size(); i++) {
            String name = a.targets().get(i);
            String java = JavaNames.member(name);
            String decl = declared.add(name) ? JavaRefs.TENSOR + " " : "";
            String part = parts + "[" + i + "]";
            out.line(decl + java + " = " + (assigned.add(name) ? part
                    : nativeScope + ".replace(" + java + ", " + part + ")") + ";");
            locals.put(name, new Scope.Sym(java, JType.TENSOR, Scope.Kind.LOCAL));
        }
    }

    private static String partsName(Stmt.Assign a) {
        if (a.value() instanceof Expr.ModuleCall c && c.callee() instanceof Expr.Ref r) {
            return JavaNames.member(r.name()) + "Outputs";
        }
        if (a.value() instanceof Expr.BuiltinCall c) {
            return JavaNames.member(c.name()) + "Outputs";
        }
        return "parts";
    }

    private String comment(Span span) {
        String shape = shapes.statement(span);
        return shape == null ? span.lineRef() : shape + "  " + span.lineRef();
    }
}
