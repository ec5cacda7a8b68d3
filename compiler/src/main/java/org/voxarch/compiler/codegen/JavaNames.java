package org.voxarch.compiler.codegen;

import java.util.Set;

/** Spec names to Java names: snake_case to lowerCamel for members, names of variants to UpperCamel classes. */
final class JavaNames {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "var", "record", "yield", "true", "false", "null");
    /**
     * Classes generated statements call static methods of: a local of the same name would hide the class (Java
     * reads {@code Values.pow} as a member of the local), so such spec names get a suffix too.
     */
    private static final Set<String> STATIC_CALL_CLASSES = Set.of("Ops", "Values", "Init", "Params", "Math",
            "Arrays", "LongStream");

    private JavaNames() {
    }

    /** {@code pos_embed} → {@code posEmbed}; all-capital names ({@code E}, {@code EF}) are kept as written. */
    static String member(String spec) {
        if (spec.equals(spec.toUpperCase()) && !spec.contains("_")) {
            return safe(spec);
        }
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : spec.toCharArray()) {
            if (c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return safe(out.toString());
    }

    /** {@code unetrpp_synapse} → {@code UnetrppSynapse}; block names are kept when already capitalised. */
    static String type(String spec) {
        String camel = member(spec);
        return Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }

    /** Enum constants: {@code shared} → {@code SHARED}. */
    static String constant(String spec) {
        return spec.toUpperCase();
    }

    private static String safe(String name) {
        return KEYWORDS.contains(name) || STATIC_CALL_CLASSES.contains(name) ? name + "_" : name;
    }
}
