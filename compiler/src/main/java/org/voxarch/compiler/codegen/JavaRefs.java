package org.voxarch.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Classes named inside generated statements. Statements are built as text; a class is written into that text as a
 * marker which {@link #code} turns into JavaPoet's {@code $T}, so JavaPoet writes the imports and qualifies a name
 * wherever a spec's own class (a block called {@code Values}) would hide it.
 */
final class JavaRefs {
    static final String RUNTIME = "org.voxarch.runtime.nn";
    static final ClassName TENSOR_CLASS = ClassName.get("org.bytedeco.pytorch", "Tensor");

    private static final char START = '\u0001';
    private static final char PACKAGE_END = '\u0002';
    private static final char END = '\u0003';
    /** In place of a package: the class of a module named in the spec, resolved by {@link ModuleClasses}. */
    private static final String MODULE = "?";

    /** Markers followed by a dot, for static calls: {@code OPS + "relu(x)"}. */
    static final String OPS = rt("Ops");
    static final String VALUES = rt("Values");
    static final String INIT = rt("Init");
    static final String PARAMS = rt("Params");
    static final String MATH = t(ClassName.get("java.lang", "Math")) + ".";
    static final String ARRAYS = t(ClassName.get("java.util", "Arrays")) + ".";
    static final String LONG_STREAM = t(ClassName.get("java.util.stream", "LongStream")) + ".";
    /** Type markers. */
    static final String TENSOR = t(TENSOR_CLASS);
    static final String STRING = t(ClassName.get("java.lang", "String"));

    private JavaRefs() {
    }

    /** A class of the runtime's {@code nn} package. */
    static ClassName runtime(String simpleName) {
        return ClassName.get(RUNTIME, simpleName);
    }

    /** The marker standing for {@code type} in statement text. */
    static String t(ClassName type) {
        return START + type.packageName() + PACKAGE_END + String.join(".", type.simpleNames()) + END;
    }

    /** {@code Ops.} etc.: a runtime class's marker followed by a dot, for static calls. */
    static String rt(String simpleName) {
        return t(runtime(simpleName)) + ".";
    }

    /** The marker for a module class by its spec name: a primitive layer, container or block. */
    static String module(String name) {
        return START + MODULE + PACKAGE_END + name + END;
    }

    /** The text as it will read, for measuring lines: each marker as its class's simple name. */
    static String shown(String text) {
        return text.replaceAll(START + "[^" + END + "]*[" + PACKAGE_END + ".]([^." + END + "]*)" + END, "$1");
    }

    /** Statement text with markers as a JavaPoet code block ('$' in the text is kept literally). */
    static CodeBlock code(String text, ModuleClasses modules) {
        StringBuilder format = new StringBuilder();
        List<Object> args = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf(START, i);
            if (start < 0) {
                format.append(text.substring(i).replace("$", "$$"));
                break;
            }
            format.append(text, i, start).append("$T");
            int packageEnd = text.indexOf(PACKAGE_END, start);
            int end = text.indexOf(END, packageEnd);
            String pkg = text.substring(start + 1, packageEnd);
            String[] names = text.substring(packageEnd + 1, end).split("\\.");
            args.add(pkg.equals(MODULE) ? modules.of(names[0]) : ClassName.get(pkg, names[0],
                    java.util.Arrays.copyOfRange(names, 1, names.length)));
            i = end + 1;
        }
        return CodeBlock.of(format.toString(), args.toArray());
    }
}
