package org.voxarch.compiler.builtins;

/**
 * How emitted Java names the classes it calls, each followed by a dot ({@code "Math."}): the code generator writes
 * markers that JavaPoet turns into imports, a test may write qualified names.
 */
public interface JavaClasses {
    /** The runtime's tensor operations ({@code org.voxarch.runtime.nn.Ops}). */
    String ops();

    /** The runtime's value arithmetic ({@code org.voxarch.runtime.nn.Values}). */
    String values();

    String math();

    String arrays();

    String longStream();

    /** Fully qualified names, for Java compiled outside the code generator. */
    JavaClasses QUALIFIED = new JavaClasses() {
        public String ops() {
            return "org.voxarch.runtime.nn.Ops.";
        }

        public String values() {
            return "org.voxarch.runtime.nn.Values.";
        }

        public String math() {
            return "java.lang.Math.";
        }

        public String arrays() {
            return "java.util.Arrays.";
        }

        public String longStream() {
            return "java.util.stream.LongStream.";
        }
    };
}
