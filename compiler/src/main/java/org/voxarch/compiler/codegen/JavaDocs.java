package org.voxarch.compiler.codegen;

/** Spec doc comments as Javadoc text. */
final class JavaDocs {
    private JavaDocs() {
    }

    /** The text with JavaPoet's {@code $} and a comment's end made harmless. */
    static String escape(String doc) {
        return doc.replace("$", "$$").replace("*/", "*&#47;");
    }
}
