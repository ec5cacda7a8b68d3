package org.voxarch.compiler.codegen;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.ir.ProgramIr;
import org.voxarch.compiler.resolve.Program;

/**
 * The class of one spec file: its enums and the classes of its blocks (networks' own blocks included), nested, each
 * written once however many networks and variants use it.
 */
final class SpecFileClassWriter {
    private final Program program;
    private final ModuleClasses modules;
    private final OverrideTargets overrides;
    private final ReplacedChildren replacements;
    private final ExprTranslator tx;

    SpecFileClassWriter(Program program, ModuleClasses modules, OverrideTargets overrides,
            ReplacedChildren replacements) {
        this.program = program;
        this.replacements = replacements;
        this.modules = modules;
        this.overrides = overrides;
        this.tx = new ExprTranslator(program);
    }

    /**
     * @param decls     the file's enums and blocks to write, in declaration order
     * @param ir        every block lowered, with the elaborated instances of it (for the shape comments)
     */
    TypeSpec write(SourceFile file, List<Decl> decls, ProgramIr ir) {
        TypeSpec.Builder type = TypeSpec.classBuilder(modules.fileClass(file)).addModifiers(Modifier.PUBLIC,
                Modifier.FINAL);
        type.addJavadoc("The enums and blocks of {@code $L}, shared by every network generated from it.\n",
                JavaGenerator.sourceName(file));
        type.addAnnotation(NetworkClassWriter.generatedAnnotation());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (Decl d : decls) {
            if (d instanceof Decl.Enum e) {
                type.addType(enumType(e));
            } else if (d instanceof Decl.Block b) {
                BlockCode code = new BlockCode(b.name().name(), ir, tx, modules, overrides,
                        replacements);
                type.addType(new BlockWriter(code).write());
            }
        }
        return type.build();
    }

    private static TypeSpec enumType(Decl.Enum e) {
        TypeSpec.Builder b = TypeSpec.enumBuilder(e.name().name()).addModifiers(Modifier.PUBLIC);
        b.addJavadoc(e.doc().isEmpty() ? "Enum {@code " + e.name().name() + "}.\n" : JavaDocs.escape(e.doc()) + "\n");
        for (var c : e.constants()) {
            b.addEnumConstant(JavaNames.constant(c.name()));
        }
        return b.build();
    }
}
