package org.voxarch.compiler.codegen;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.voxarch.compiler.ir.BlockIr;


/**
 * Writes the class of one block, shared by every network that uses it: its parameters' defaults, fields in
 * registration order, a constructor that takes a {@code BlockContext} and the parameters and registers children
 * under their spec names, and a forward with one statement per spec statement. A network's own block is written the
 * same way (not final: the classes of the network and its variants extend it).
 */
final class BlockWriter {
    private final BlockCode code;
    private final InstanceShapes shapes;
    private final boolean network;

    BlockWriter(BlockCode code) {
        this.code = code;
        this.shapes = new InstanceShapes(code.ir.instances());
        this.network = code.ir.network();
    }

    TypeSpec write() {
        BlockIr decl = code.ir;
        String name = decl.name();
        TypeSpec.Builder type = TypeSpec.classBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC);
        if (!network) {
            type.addModifiers(Modifier.FINAL);
        }
        type.addJavadoc(blockDoc(decl));
        boolean layer = decl.isLayer() && !network;
        type.superclass(JavaRefs.runtime(layer ? "Layer" : "ArchModule"));
        Map<String, JType> paramTypes = paramTypes();
        if (!network) {
            // A network's defaults are its Parameters record's; no call site names them.
            BlockDefaults.addTo(type, code, paramTypes);
        }
        MethodSpec constructor = constructor(paramTypes);
        code.fields().forEach(type::addField);
        type.addMethod(constructor);
        if (decl.forward() != null) {
            type.addMethod(new ForwardWriter(code, shapes).write(layer));
        }
        return type.build();
    }

    /** Parameter types in declaration order; each parameter enters the scope (a default may read earlier ones). */
    private Map<String, JType> paramTypes() {
        Map<String, JType> out = new LinkedHashMap<>();
        for (BlockIr.Param p : code.ir.params()) {
            JType t = JType.of(p.type());
            out.put(p.name(), t);
            code.scope.put(p.name(), new Scope.Sym(JavaNames.member(p.name()), t, Scope.Kind.PARAM));
        }
        return out;
    }

    private MethodSpec constructor(Map<String, JType> paramTypes) {
        BlockIr decl = code.ir;
        String name = decl.name();
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("Builds {@code $L} and registers its children with the spec's names.\n\n", name)
                .addJavadoc("@param $L where the block sits in the network, and what the variant fixes\n",
                        code.context)
                .addParameter(JavaRefs.runtime("BlockContext"), code.context);
        CodeLines ctor = new CodeLines();
        ctor.line("super(" + ExprTranslator.quote(name) + ");");
        for (BlockIr.Param p : decl.params()) {
            String pname = p.name();
            String java = JavaNames.member(pname);
            List<String> variants = code.overrides.variantsOverriding(name, pname);
            if (variants.isEmpty()) {
                constructor.addParameter(BlockCode.typeName(paramTypes.get(pname), code.modules), java);
                continue;
            }
            // The value in use is a new local: lambdas in the body may read it, so it is never reassigned.
            String passed = code.locals.fresh(java + "Passed");
            constructor.addParameter(BlockCode.typeName(paramTypes.get(pname), code.modules), passed);
            ctor.line(paramTypes.get(pname).java() + " " + java + " = " + code.context + ".value("
                    + ExprTranslator.quote(name) + ", " + ExprTranslator.quote(pname) + ", " + passed + ");",
                    (variants.size() == 1 ? "variant " : "variants ") + String.join(", ", variants) + " may fix it");
        }
        new ConstructorBody(code).write(code.ir.body(), ctor, false);
        // Values the forward needs become fields.
        for (BlockIr.Param p : decl.params()) {
            String pname = p.name();
            if (code.usedInForward(pname)) {
                Scope.Sym sym = code.scope.get(pname);
                code.field(sym.java(), sym.type(), true, null);
                ctor.line("this." + sym.java() + " = " + sym.java() + ";");
            }
        }
        constructor.addCode(ctor.code(code.modules));
        return constructor.build();
    }

    private static String blockDoc(BlockIr b) {
        String kind = b.network() ? "Network" : "Block";
        String doc = b.doc().isEmpty() ? kind + " {@code " + b.name() + "}." : JavaDocs.escape(b.doc());
        return doc + "\n\n<p>Generated from " + b.span().lineRef() + ".\n";
    }
}
