package org.voxarch.compiler.builtins;

/**
 * A Java expression in generated code: its text, its kind, and its precedence (so callers add parentheses only
 * where needed).
 *
 * @param unpacked for an argument that is a literal list, its items joined as varargs ({@code batch, tokens, 4});
 *                 null otherwise
 */
public record JavaExpr(String java, ValueKind kind, int precedence, String unpacked) {
    public static final int ATOM = 20;
    public static final int UNARY = 14;
    public static final int MULTIPLICATIVE = 12;
    public static final int ADDITIVE = 11;
    public static final int RELATIONAL = 9;
    public static final int EQUALITY = 8;
    public static final int AND = 4;
    public static final int OR = 3;
    public static final int CONDITIONAL = 2;

    public static JavaExpr atom(String java, ValueKind kind) {
        return new JavaExpr(java, kind, ATOM, null);
    }

    public static JavaExpr of(String java, ValueKind kind, int precedence) {
        return new JavaExpr(java, kind, precedence, null);
    }

    /** The text, parenthesised when it binds less tightly than {@code parent}. */
    public String wrap(int parent) {
        return precedence < parent ? "(" + java + ")" : java;
    }

    /** The text as an operand of a postfix or a cast ({@code (a + b).length}). */
    public String wrapAtom() {
        return wrap(ATOM);
    }

    /** The varargs form when there is one ({@code Ops.reshape(x, batch, 4)}), else the text. */
    public String unpackedOrJava() {
        return unpacked != null ? unpacked : java;
    }
}
