package org.voxarch.compiler.ir;

/** Looks up what a name in scope is: its static type and binding, or null when nothing of that name is in scope. */
public interface Resolver {
    Resolved lookup(String name);

    /** A name's static type and what it refers to. */
    record Resolved(Type type, Expr.Binding binding) {}
}
