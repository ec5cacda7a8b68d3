package org.voxarch.compiler.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ir.ProgramIr;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.StateKey;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/**
 * The class of one network or variant: it extends the network's block class and holds only what is its own: the
 * {@code Parameters} record with the variant's values, {@code INFO} (what the compiler derived: shapes, parameter
 * count, FLOPs, state-dict keys), the overrides of its {@code with { ... }} passed down in the {@code BlockContext},
 * and the methods of the runtime's {@code SegmentationNetwork}.
 */
final class NetworkClassWriter {
    /** Java lines of at most this many key-table rows per string constant (the class file limit is 64 KiB). */
    private static final int KEY_ROWS_PER_CHUNK = 400;

    private final Program program;
    private final NetworkModel model;
    private final ModuleClasses modules;
    private final ProgramIr ir;

    NetworkClassWriter(Program program, NetworkModel model, ModuleClasses modules, ProgramIr ir) {
        this.program = program;
        this.model = model;
        this.modules = modules;
        this.ir = ir;
    }

    TypeSpec write(String className) {
        ClassName self = ClassName.get(modules.packageName(), className);
        ClassName parameters = self.nestedClass("Parameters");
        TypeSpec.Builder type = TypeSpec.classBuilder(className).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
        type.addJavadoc(classDoc());
        type.addAnnotation(generatedAnnotation());
        type.superclass(modules.of(model.network().name().name()));
        type.addSuperinterface(JavaRefs.runtime("SegmentationNetwork"));
        type.addField(infoField());
        List<String> args = new ArrayList<>();
        for (Decl.Param p : model.network().params()) {
            args.add("parameters." + JavaNames.member(p.name().name()) + "()");
        }
        MethodSpec overrides = overrides();
        String context = overrides == null ? JavaRefs.t(JavaRefs.runtime("BlockContext")) + ".ROOT" : "overrides()";
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("Builds the network for the given parameters.\n")
                .addParameter(parameters, "parameters")
                .addCode(JavaRefs.code("super(" + context + (args.isEmpty() ? "" : ", ")
                        + String.join(", ", args) + ");\n", modules)).build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("Builds the network with the parameters the spec gives it.\n")
                .addStatement("this($T.defaults())", parameters).build());
        if (overrides != null) {
            type.addMethod(overrides);
        }
        type.addMethods(NetworkContract.methods(model));
        type.addType(new ParametersRecord(model, ir.block(model.network().name().name()), modules, self).build());
        type.addType(keyTable());
        return type.build();
    }

    /**
     * The variant's {@code with { ... }} as a {@code BlockContext}, or null when it overrides and replaces nothing.
     */
    private MethodSpec overrides() {
        if (model.variant() == null || model.variant().overrides().isEmpty()
                && model.variant().replacements().isEmpty()) {
            return null;
        }
        List<String[]> calls = new ArrayList<>();
        for (Decl.Override o : model.variant().overrides()) {
            List<String> target = o.target();
            String param = target.get(target.size() - 1);
            String where = o.span().lineRef();
            if (target.size() == 2 && program.find(target.get(0)) instanceof Decl.Block b) {
                Value v = model.blockOverrides().getOrDefault(b.name().name(), Map.of()).get(param);
                calls.add(new String[] {".fixing(" + ExprTranslator.quote(b.name().name()) + ", "
                        + ExprTranslator.quote(param) + ", "
                        + OverrideValues.literal(v, ir.block(b.name().name()).param(param)) + ")", where});
                continue;
            }
            String path = String.join(".", target.subList(0, target.size() - 1));
            Instance at = OverrideTargets.at(model.root(), target.subList(0, target.size() - 1));
            calls.add(new String[] {".fixingAt(" + ExprTranslator.quote(path) + ", " + ExprTranslator.quote(param)
                    + ", " + OverrideValues.literal(at.args().get(param),
                    ir.block(at.decl().name().name()).param(param)) + ")", where});
        }
        for (Decl.Replacement r : model.variant().replacements()) {
            calls.add(new String[] {".replacing(" + ExprTranslator.quote(ReplacedChildren.name(model, r)) + ")",
                r.span().lineRef()});
        }
        CodeLines out = new CodeLines();
        out.line("return " + JavaRefs.t(JavaRefs.runtime("BlockContext")) + ".ROOT");
        for (int i = 0; i < calls.size(); i++) {
            out.line("        " + calls.get(i)[0] + (i == calls.size() - 1 ? ";" : ""), calls.get(i)[1]);
        }
        return MethodSpec.methodBuilder("overrides").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(JavaRefs.runtime("BlockContext"))
                .addJavadoc("What {@code $L} fixes in its {@code with { ... }}, for the blocks to look up.\n",
                        model.name())
                .addCode(out.code(modules)).build();
    }

    private String classDoc() {
        StringBuilder doc = new StringBuilder();
        String variantDoc = model.variant() == null ? "" : model.variant().doc();
        String networkDoc = model.network().doc();
        if (!variantDoc.isEmpty()) {
            doc.append(JavaDocs.escape(variantDoc)).append("\n\n");
        }
        if (!networkDoc.isEmpty()) {
            doc.append(JavaDocs.escape(networkDoc)).append("\n\n");
        }
        doc.append("<p>Network {@code ").append(model.name()).append("}");
        if (model.variant() != null) {
            doc.append(", a variant of {@code ").append(model.network().name().name()).append("} declared at ")
                    .append(model.variant().span().lineRef());
        } else {
            doc.append(", declared at ").append(model.network().span().lineRef());
        }
        doc.append(". With its default parameters it has ").append(String.format("%,d", model.parameterCount()))
                .append(" parameters and ").append(String.format("%.2f", model.flops() / 1e9))
                .append(" GFLOPs per sample.\n");
        return doc.toString();
    }

    /** {@code @Generated("voxarch")}: tools skip generated classes (coverage, style checks). */
    static AnnotationSpec generatedAnnotation() {
        return AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                .addMember("value", "$S", "voxarch").build();
    }

    private FieldSpec infoField() {
        List<String> inputs = new ArrayList<>();
        model.inputs().forEach((n, s) -> inputs.add(n + " " + s));
        List<String> outputs = new ArrayList<>();
        model.outputs().forEach(s -> outputs.add(s.toString()));
        String code = "new " + JavaRefs.t(JavaRefs.runtime("NetworkInfo")) + "(\n"
                + ExprTranslator.quote(model.name()) + ",\n"
                + ExprTranslator.quote(JavaGenerator.sourceName(model.network().span().file())) + ",\n"
                + ExprTranslator.quote(String.join("; ", inputs)) + ",\n"
                + ExprTranslator.quote(String.join("; ", outputs)) + ",\n"
                + underscored(model.parameterCount()) + "L,\n"
                + underscored(model.flops()) + "L,\n"
                + "StateKeyTable.ROWS)";
        return FieldSpec.builder(JavaRefs.runtime("NetworkInfo"), "INFO", Modifier.PUBLIC,
                Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("What the compiler derived from the spec for the default parameters: input and output"
                        + " shapes, parameter count,\nFLOPs for one sample (fvcore convention) and the state-dict keys"
                        + " in order.\n")
                .initializer(JavaRefs.code(code, modules))
                .build();
    }

    /**
     * The state-dict key table, one row per key: key, shape, param or buffer, dtype and the key it aliases. Kept in
     * a nested class at the end of the file so that the code reads first; split into several constants because a
     * class-file constant holds at most 64 KiB.
     */
    private TypeSpec keyTable() {
        List<String> rows = new ArrayList<>();
        for (StateKey k : model.stateKeys()) {
            rows.add(k.key() + "\\t" + k.shapeText() + "\\t" + (k.buffer() ? "buffer" : "param") + "\\t" + k.dtype()
                    + (k.aliasOf() == null ? "" : "\\t" + k.aliasOf()));
        }
        TypeSpec.Builder table = TypeSpec.classBuilder("StateKeyTable")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("State-dict keys the spec predicts, in order: key, shape, kind, dtype[, aliased key].\n");
        List<String> parts = new ArrayList<>();
        for (int i = 0, n = 1; i < rows.size(); i += KEY_ROWS_PER_CHUNK, n++) {
            String text = "\"\"\"\n" + String.join("\n", rows.subList(i, Math.min(rows.size(), i + KEY_ROWS_PER_CHUNK)))
                    + "\n\"\"\"";
            table.addField(FieldSpec.builder(String.class, "PART_" + n, Modifier.PRIVATE, Modifier.STATIC,
                    Modifier.FINAL).initializer("$L", text.replace("$", "$$")).build());
            parts.add("PART_" + n);
        }
        // A network without parameters or buffers has no rows (and no parts to join).
        table.addField(FieldSpec.builder(String.class, "ROWS", Modifier.STATIC, Modifier.FINAL)
                .initializer(parts.isEmpty() ? CodeBlock.of("$S", "")
                        : CodeBlock.of("$T.join($S, $L)", String.class, "", String.join(", ", parts))).build());
        table.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        return table.build();
    }

    private static String underscored(long n) {
        return String.format("%,d", n).replace(',', '_');
    }
}
