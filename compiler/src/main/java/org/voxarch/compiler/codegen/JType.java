package org.voxarch.compiler.codegen;

import org.voxarch.compiler.ast.Decl;

/** The Java type a spec expression has in generated code. */
record JType(Kind kind, String name) {
    enum Kind { LONG, DOUBLE, BOOLEAN, STRING, LONGS, DOUBLES, BOOLEANS, ENUM, TENSOR, TENSORS, MODULE, MODULE_LIST,
        INIT, UNKNOWN }

    static final JType LONG = new JType(Kind.LONG, null);
    static final JType DOUBLE = new JType(Kind.DOUBLE, null);
    static final JType BOOLEAN = new JType(Kind.BOOLEAN, null);
    static final JType STRING = new JType(Kind.STRING, null);
    static final JType LONGS = new JType(Kind.LONGS, null);
    static final JType DOUBLES = new JType(Kind.DOUBLES, null);
    static final JType BOOLEANS = new JType(Kind.BOOLEANS, null);
    static final JType TENSOR = new JType(Kind.TENSOR, null);
    static final JType TENSORS = new JType(Kind.TENSORS, null);
    static final JType INIT = new JType(Kind.INIT, null);
    static final JType UNKNOWN = new JType(Kind.UNKNOWN, null);

    static JType module(String javaClass) {
        return new JType(Kind.MODULE, javaClass);
    }

    static JType moduleList(String elementClass) {
        return new JType(Kind.MODULE_LIST, elementClass);
    }

    static JType enumType(String name) {
        return new JType(Kind.ENUM, name);
    }

    /** The Java type of a declared parameter type. */
    static JType of(Decl.TypeRef type) {
        String n = type.name();
        if (type.listDepth() == 0) {
            return switch (n) {
                case "int" -> LONG;
                case "float" -> DOUBLE;
                case "bool" -> BOOLEAN;
                case "string" -> STRING;
                case "size" -> LONGS;
                default -> enumType(n);
            };
        }
        return switch (n) {
            case "int" -> LONGS;
            case "float" -> DOUBLES;
            case "bool" -> BOOLEANS;
            default -> UNKNOWN;
        };
    }

    boolean isTensor() {
        return kind == Kind.TENSOR;
    }

    boolean isModule() {
        return kind == Kind.MODULE || kind == Kind.MODULE_LIST;
    }

    boolean isNumber() {
        return kind == Kind.LONG || kind == Kind.DOUBLE;
    }

    JType element() {
        return switch (kind) {
            case LONGS -> LONG;
            case DOUBLES -> DOUBLE;
            case BOOLEANS -> BOOLEAN;
            case MODULE_LIST -> module(name);
            case TENSORS -> TENSOR;
            default -> UNKNOWN;
        };
    }

    JType list() {
        return switch (kind) {
            case LONG -> LONGS;
            case DOUBLE -> DOUBLES;
            case BOOLEAN -> BOOLEANS;
            case MODULE -> moduleList(name);
            default -> UNKNOWN;
        };
    }

    /** Java source of the type, with {@link JavaRefs} markers for classes. */
    String java() {
        return switch (kind) {
            case LONG -> "long";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case STRING -> JavaRefs.STRING;
            case LONGS -> "long[]";
            case DOUBLES -> "double[]";
            case BOOLEANS -> "boolean[]";
            case ENUM, MODULE -> JavaRefs.module(name);
            case TENSOR -> JavaRefs.TENSOR;
            case TENSORS -> JavaRefs.TENSOR + "[]";
            case MODULE_LIST -> JavaRefs.module("ModuleList") + "<" + JavaRefs.module(name) + ">";
            default -> "Object";
        };
    }
}
