package org.voxarch.compiler.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.voxarch.compiler.ir.BlockIr;
import org.voxarch.compiler.ir.ProgramIr;
import org.voxarch.compiler.ir.Expr;
import org.voxarch.compiler.ir.Exprs;
import org.voxarch.compiler.ir.Stmts;

/**
 * What the writers of one block's class share: the spec names in scope with their Java names and types, the
 * fields so far, fresh names for generated locals, and the name of the {@code BlockContext} the block is built in.
 */
final class BlockCode {
    /** The block's IR: its body, its forward and its elaborated instances. */
    final BlockIr ir;
    /** Every block's IR, for the parameter types of the blocks this one builds. */
    final ProgramIr programIr;
    final ExprTranslator tx;
    final ModuleClasses modules;
    final OverrideTargets overrides;
    final ReplacedChildren replacements;
    final Scope scope = new Scope(null);
    final LocalNames locals;
    /** The Java name of the constructor's {@code BlockContext} parameter. */
    final String context;
    final ChildTypes childTypes;
    private final Set<String> usedInForward = new HashSet<>();
    private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
    private final Map<String, JType> fieldTypes = new LinkedHashMap<>();

    BlockCode(String block, ProgramIr programIr, ExprTranslator tx, ModuleClasses modules,
            OverrideTargets overrides, ReplacedChildren replacements) {
        this.replacements = replacements;
        this.programIr = programIr;
        this.ir = programIr.block(block);
        this.tx = tx;
        this.modules = modules;
        this.overrides = overrides;
        this.locals = new LocalNames(ir);
        this.context = locals.fresh("context");
        this.childTypes = new ChildTypes(tx.lowering(), scope);
        if (ir.forward() != null) {
            Stmts.forEach(ir.forward().body(), s -> Stmts.expressions(s).forEach(e -> refs(e, usedInForward)));
        }
    }

    /** Whether the forward reads the spec name (so its value must outlive the constructor, in a field). */
    boolean usedInForward(String spec) {
        return usedInForward.contains(spec);
    }

    /**
     * Declares a field; a second declaration of the same name (a child set in both branches of an {@code if}) widens
     * its type to what both values have in common.
     *
     * @return the field's type
     */
    JType field(String name, JType type, boolean isFinal, String comment) {
        JType before = fieldTypes.get(name);
        JType merged = before == null ? type : childTypes.common(before, type);
        if (before != null && merged.equals(before)) {
            return before;
        }
        FieldSpec.Builder f = FieldSpec.builder(typeName(merged, modules), name, Modifier.PRIVATE);
        boolean keepFinal = isFinal && before == null;
        if (keepFinal) {
            f.addModifiers(Modifier.FINAL);
        }
        if (comment != null) {
            f.addJavadoc("$L\n", comment);
        }
        fields.put(name, f.build());
        fieldTypes.put(name, merged);
        return merged;
    }

    List<FieldSpec> fields() {
        return List.copyOf(fields.values());
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

    private static void refs(Expr e, Set<String> out) {
        if (e instanceof Expr.Ref r) {
            out.add(r.name());
        }
        Exprs.children(e).forEach(c -> refs(c, out));
    }
}
