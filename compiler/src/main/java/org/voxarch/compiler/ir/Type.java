package org.voxarch.compiler.ir;

/**
 * The one static type system of the compiler's IR: what a spec expression is, whichever phase reads it. Code
 * generation maps each type to a Java type; reports read them as they are.
 */
public sealed interface Type {
    Type INT = new Int();
    Type FLOAT = new Float();
    Type BOOL = new Bool();
    Type STRING = new Str();
    Type TENSOR = new Tensor();
    Type TENSORS = new Tensors();
    Type INIT = new Init();
    Type UNKNOWN = new Unknown();

    record Int() implements Type {}

    record Float() implements Type {}

    record Bool() implements Type {}

    record Str() implements Type {}

    /** A constant of a spec enum. */
    record Enum(String name) implements Type {}

    /** {@code [T]}; a {@code size} parameter is a list of ints. */
    record ListOf(Type element) implements Type {}

    /** A tensor in forward. */
    record Tensor() implements Type {}

    /** Several tensors: what a call of a block with several outputs returns, or a literal list of tensors. */
    record Tensors() implements Type {}

    /** A module: a block, a primitive layer, a container, or the common type of several ({@code Layer}). */
    record Module(String name) implements Type {}

    /** An initialiser such as {@code trunc_normal(0.02)}. */
    record Init() implements Type {}

    /** Nothing static is known (an erroneous or unsupported expression). */
    record Unknown() implements Type {}

    static Type enumType(String name) {
        return new Enum(name);
    }

    static Type module(String name) {
        return new Module(name);
    }

    static Type listOf(Type element) {
        return new ListOf(element);
    }

    /** A {@code ModuleList} of modules of type {@code element}. */
    static Type moduleList(String element) {
        return new ListOf(new Module(element));
    }

    /** A declared parameter type: {@code int}, {@code float}, {@code bool}, {@code string}, {@code size}, an enum. */
    static Type declared(String name, int listDepth) {
        if (listDepth == 0) {
            return switch (name) {
                case "int" -> INT;
                case "float" -> FLOAT;
                case "bool" -> BOOL;
                case "string" -> STRING;
                case "size" -> listOf(INT);
                default -> enumType(name);
            };
        }
        // Generated code holds lists of scalars as one flat array, whatever the nesting.
        return switch (name) {
            case "int" -> listOf(INT);
            case "float" -> listOf(FLOAT);
            case "bool" -> listOf(BOOL);
            default -> UNKNOWN;
        };
    }

    default boolean isNumber() {
        return this instanceof Int || this instanceof Float;
    }

    default boolean isTensor() {
        return this instanceof Tensor;
    }

    /** A module or a list of modules. */
    default boolean isModule() {
        return this instanceof Module || this instanceof ListOf l && l.element() instanceof Module;
    }

    /** The type of an item (of a list, of several tensors); unknown for other types. */
    default Type element() {
        if (this instanceof ListOf l) {
            return l.element();
        }
        return this instanceof Tensors ? TENSOR : UNKNOWN;
    }

    /** The list of this type, where the language has one. */
    default Type list() {
        return this instanceof Int || this instanceof Float || this instanceof Bool || this instanceof Module
                ? listOf(this) : UNKNOWN;
    }

    /** The name a module or enum type carries, or null. */
    default String typeName() {
        if (this instanceof Module m) {
            return m.name();
        }
        if (this instanceof Enum e) {
            return e.name();
        }
        return this instanceof ListOf l ? l.element().typeName() : null;
    }
}
