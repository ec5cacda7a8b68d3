package org.voxarch.compiler.codegen;

import com.palantir.javapoet.ClassName;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.SpecFile;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.resolve.Program;

/**
 * Where the Java class of each module or enum named in a spec lives: the runtime's layers and containers, or the
 * class generated for a block or enum, nested in the class of the spec file that declares it ({@code blocks.arch}
 * → {@code BlocksArch.TransformerBlock}), the way protobuf nests messages in a class per {@code .proto} file.
 */
final class ModuleClasses {
    private static final Set<String> RUNTIME_MODULES = Set.of("ArchModule", "Layer", "Sequential", "ModuleList");

    private final String packageName;
    /** Spec file (display path) to the simple name of its class. */
    private final Map<String, String> fileClasses = new LinkedHashMap<>();
    private final Program program;

    /**
     * @param networkClasses the classes generated for networks and variants, which a spec file's class must not
     *                       be named like (compared ignoring case: some file systems do)
     */
    ModuleClasses(Program program, String packageName, List<String> networkClasses) {
        this.program = program;
        this.packageName = packageName;
        Set<String> taken = new HashSet<>();
        networkClasses.forEach(n -> taken.add(n.toLowerCase(Locale.ROOT)));
        for (SpecFile f : program.files()) {
            String base = JavaNames.type(baseName(f.source())) + "Arch";
            // A nested class may not be named like the class around it.
            Set<String> nested = new HashSet<>();
            f.decls().forEach(d -> nested.add(d.name().name()));
            String name = base;
            for (int n = 2; taken.contains(name.toLowerCase(Locale.ROOT)) || nested.contains(name); n++) {
                name = base + n;
            }
            taken.add(name.toLowerCase(Locale.ROOT));
            fileClasses.put(f.source().displayPath(), name);
        }
    }

    private static String baseName(SourceFile file) {
        String path = file.displayPath().replace('\\', '/');
        String name = path.substring(path.lastIndexOf('/') + 1);
        name = name.endsWith(".arch") ? name.substring(0, name.length() - 5) : name;
        // A file name need not be an identifier ("my-net.arch", "2d.arch").
        String identifier = name.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return identifier.isEmpty() || Character.isDigit(identifier.charAt(0)) ? "spec_" + identifier : identifier;
    }

    String packageName() {
        return packageName;
    }

    /** The class generated for a spec file. */
    ClassName fileClass(SourceFile file) {
        return ClassName.get(packageName, fileClasses.get(file.displayPath()));
    }

    /** The class of a module or enum by its spec name. */
    ClassName of(String name) {
        if (RUNTIME_MODULES.contains(name) || Primitives.isPrimitive(name)) {
            return JavaRefs.runtime(name);
        }
        return fileClass(fileOf(program.find(name))).nestedClass(name);
    }

    /** The spec file declaring a block or enum. */
    static SourceFile fileOf(Decl d) {
        if (d instanceof Decl.Block b) {
            return b.span().file();
        } else if (d instanceof Decl.Enum e) {
            return e.span().file();
        }
        throw new IllegalArgumentException("no class is generated for " + d.name().name());
    }
}
