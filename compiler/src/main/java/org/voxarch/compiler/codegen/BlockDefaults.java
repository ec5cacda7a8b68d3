package org.voxarch.compiler.codegen;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ir.Expr;
import org.voxarch.compiler.ast.Render;

/**
 * A block's parameter defaults, kept in the block's class: a constant ({@code DEFAULT_HEADS}) for a value, a static
 * method for a list or a default computed from earlier parameters ({@code defaultPadding(kernel)}). Call sites that
 * leave a parameter out name the member, so a default is written once.
 */
final class BlockDefaults {
    private BlockDefaults() {
    }

    /** Whether the default is a constant: a single value that reads no other parameter. */
    private static boolean isConstant(Decl.Block block, Decl.Param p, JType type) {
        boolean scalar = switch (type.kind()) {
            case LONG, DOUBLE, BOOLEAN, STRING, ENUM -> true;
            default -> false;
        };
        return scalar && earlierParamsRead(block, p).isEmpty();
    }

    /** The block's parameters declared before {@code p} that its default reads, in declaration order. */
    static List<Decl.Param> earlierParamsRead(Decl.Block block, Decl.Param p) {
        List<String> names = new ArrayList<>();
        Render.names(p.defaultValue(), names);
        List<Decl.Param> out = new ArrayList<>();
        for (Decl.Param q : block.params()) {
            if (q == p) {
                break;
            }
            if (names.contains(q.name().name())) {
                out.add(q);
            }
        }
        return out;
    }

    private static String constantName(Decl.Param p) {
        return "DEFAULT_" + JavaNames.constant(p.name().name());
    }

    private static String methodName(Decl.Param p) {
        return "default" + JavaNames.type(p.name().name());
    }

    /** Adds the default members of every defaulted parameter to the block's class. */
    static void addTo(TypeSpec.Builder type, BlockCode code, Map<String, JType> paramTypes) {
        for (Decl.Param p : code.decl.params()) {
            if (p.defaultValue() == null) {
                continue;
            }
            JType t = paramTypes.get(p.name().name());
            Scope scope = new Scope(null);
            for (Decl.Param q : earlierParamsRead(code.decl, p)) {
                scope.put(q.name().name(), new Scope.Sym(JavaNames.member(q.name().name()),
                        paramTypes.get(q.name().name()), Scope.Kind.PARAM));
            }
            String where = p.defaultValue().span().lineRef();
            Expr defaultValue = code.ir.param(p.name().name()).defaultValue();
            if (isConstant(code.decl, p, t)) {
                type.addField(FieldSpec.builder(BlockCode.typeName(t, code.modules), constantName(p),
                        Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Default of {@code $L} ($L).\n", p.name().name(), where)
                        .initializer(JavaRefs.code(convert(code.tx, p, t, defaultValue, scope), code.modules))
                        .build());
                continue;
            }
            MethodSpec.Builder m = MethodSpec.methodBuilder(methodName(p)).addModifiers(Modifier.PUBLIC,
                    Modifier.STATIC).returns(BlockCode.typeName(t, code.modules))
                    .addJavadoc("Default of {@code $L} ($L): {@code $L}.\n", p.name().name(), where,
                            Render.expr(p.defaultValue()).replace("$", "$$"));
            for (Decl.Param q : earlierParamsRead(code.decl, p)) {
                m.addParameter(BlockCode.typeName(paramTypes.get(q.name().name()), code.modules),
                        JavaNames.member(q.name().name()));
            }
            m.addCode(JavaRefs.code("return " + convert(code.tx, p, t, defaultValue, scope) + ";\n",
                    code.modules));
            type.addMethod(m.build());
        }
    }

    /**
     * The Java a call site passes for a parameter it leaves out.
     *
     * @param argsSoFar Java of the arguments passed for the earlier parameters, by spec name
     * @param context   Java of the caller's {@code BlockContext}, for a default read from a parameter a variant
     *                  fixes block-wide
     */
    static String atCallSite(Decl.Block callee, Decl.Param p, JType type, Map<String, String> argsSoFar,
            OverrideTargets overrides, String context) {
        String owner = JavaRefs.module(callee.name().name());
        if (isConstant(callee, p, type)) {
            return owner + "." + constantName(p);
        }
        List<String> args = new ArrayList<>();
        for (Decl.Param q : earlierParamsRead(callee, p)) {
            String arg = argsSoFar.get(q.name().name());
            if (overrides.blockWide(callee.name().name(), q.name().name())) {
                arg = context + ".blockValue(" + ExprTranslator.quote(callee.name().name()) + ", "
                        + ExprTranslator.quote(q.name().name()) + ", " + arg + ")";
            }
            args.add(arg);
        }
        return owner + "." + methodName(p) + "(" + String.join(", ", args) + ")";
    }

    /** Java for an argument of the IR passed to a block parameter, converted to the parameter's type. */
    static String convert(ExprTranslator tx, Decl.Param p, JType t, Expr value,
            Scope scope) {
        if (t.kind() == JType.Kind.LONGS && p.type() != null && p.type().name().equals("size")) {
            return tx.sizeArg(value, scope);
        } else if (t.kind() == JType.Kind.DOUBLE) {
            return tx.doubleArg(value, scope);
        }
        return tx.java(value, scope);
    }
}
