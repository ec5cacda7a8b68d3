package org.voxarch.compiler.codegen;

import com.palantir.javapoet.ClassName;
import java.util.Set;
import org.voxarch.compiler.builtins.Primitives;

/** The Java class of a module named in a spec: the runtime's layers and containers, or a generated block class. */
record ModuleClasses(String packageName, String enclosingClass) {
    private static final Set<String> RUNTIME_MODULES = Set.of("ArchModule", "Layer", "Sequential", "ModuleList");

    ClassName of(String name) {
        if (RUNTIME_MODULES.contains(name) || Primitives.isPrimitive(name)) {
            return JavaRefs.runtime(name);
        }
        return enclosingClass == null ? ClassName.get(packageName, name)
                : ClassName.get(packageName, enclosingClass, name);
    }
}
