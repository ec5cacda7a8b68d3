package org.voxarch.compiler.codegen;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.voxarch.compiler.ir.BlockIr;
import org.voxarch.compiler.ir.Expr;

/**
 * A block's parameter defaults, kept in the block's class: a constant ({@code DEFAULT_HEADS}) for a value, a static
 * method for a list or a default computed from earlier parameters ({@code defaultPadding(kernel)}). Call sites that
 * leave a parameter out name the member, so a default is written once.
 */
final class BlockDefaults {
    private BlockDefaults() {
    }

    /** Whether the default is a constant: a single value that reads no other parameter. */
    private static boolean isConstant(BlockIr.Param p, JType type) {
        boolean scalar = switch (type.kind()) {
            case LONG, DOUBLE, BOOLEAN, STRING, ENUM -> true;
            default -> false;
        };
        return scalar && p.reads().isEmpty();
    }

    private static String constantName(BlockIr.Param p) {
        return "DEFAULT_" + JavaNames.constant(p.name());
    }

    private static String methodName(BlockIr.Param p) {
        return "default" + JavaNames.type(p.name());
    }

    /** Adds the default members of every defaulted parameter to the block's class. */
    static void addTo(TypeSpec.Builder type, BlockCode code, Map<String, JType> paramTypes) {
        for (BlockIr.Param p : code.ir.params()) {
            if (p.defaultValue() == null) {
                continue;
            }
            JType t = paramTypes.get(p.name());
            Scope scope = new Scope(null);
            for (String q : p.reads()) {
                scope.put(q, new Scope.Sym(JavaNames.member(q), paramTypes.get(q), Scope.Kind.PARAM));
            }
            String where = p.defaultValue().span().lineRef();
            if (isConstant(p, t)) {
                type.addField(FieldSpec.builder(BlockCode.typeName(t, code.modules), constantName(p),
                        Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Default of {@code $L} ($L).\n", p.name(), where)
                        .initializer(JavaRefs.code(convert(code.tx, p, t, p.defaultValue(), scope), code.modules))
                        .build());
                continue;
            }
            MethodSpec.Builder m = MethodSpec.methodBuilder(methodName(p)).addModifiers(Modifier.PUBLIC,
                    Modifier.STATIC).returns(BlockCode.typeName(t, code.modules))
                    .addJavadoc("Default of {@code $L} ($L): {@code $L}.\n", p.name(), where,
                            p.defaultText().replace("$", "$$"));
            for (String q : p.reads()) {
                m.addParameter(BlockCode.typeName(paramTypes.get(q), code.modules), JavaNames.member(q));
            }
            m.addCode(JavaRefs.code("return " + convert(code.tx, p, t, p.defaultValue(), scope) + ";\n",
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
    static String atCallSite(BlockIr callee, BlockIr.Param p, JType type, Map<String, String> argsSoFar,
            OverrideTargets overrides, String context) {
        String owner = JavaRefs.module(callee.name());
        if (isConstant(p, type)) {
            return owner + "." + constantName(p);
        }
        List<String> args = new ArrayList<>();
        for (String q : p.reads()) {
            String arg = argsSoFar.get(q);
            if (overrides.blockWide(callee.name(), q)) {
                arg = context + ".blockValue(" + ExprTranslator.quote(callee.name()) + ", "
                        + ExprTranslator.quote(q) + ", " + arg + ")";
            }
            args.add(arg);
        }
        return owner + "." + methodName(p) + "(" + String.join(", ", args) + ")";
    }

    /** Java for a value passed to a block parameter, converted to the parameter's type. */
    static String convert(ExprTranslator tx, BlockIr.Param p, JType t, Expr value, Scope scope) {
        if (t.kind() == JType.Kind.LONGS && p.size()) {
            return tx.sizeArg(value, scope);
        } else if (t.kind() == JType.Kind.DOUBLE) {
            return tx.doubleArg(value, scope);
        }
        return tx.java(value, scope);
    }
}
