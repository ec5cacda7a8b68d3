package org.voxarch.compiler.codegen;

import org.voxarch.compiler.ir.Type;

/**
 * The Java form of an IR {@link Type}: how generated code declares a value of that type. A thin mapping both ways;
 * the types themselves come from the IR alone.
 */
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

    /** The Java form of an IR type. */
    static JType of(Type t) {
        if (t instanceof Type.ListOf l) {
            Type e = l.element();
            return e instanceof Type.Int ? LONGS : e instanceof Type.Float ? DOUBLES : e instanceof Type.Bool
                    ? BOOLEANS : e instanceof Type.Module m ? moduleList(m.name()) : UNKNOWN;
        }
        if (t instanceof Type.Int) {
            return LONG;
        } else if (t instanceof Type.Float) {
            return DOUBLE;
        } else if (t instanceof Type.Bool) {
            return BOOLEAN;
        } else if (t instanceof Type.Str) {
            return STRING;
        } else if (t instanceof Type.Enum e) {
            return enumType(e.name());
        } else if (t instanceof Type.Tensor) {
            return TENSOR;
        } else if (t instanceof Type.Tensors) {
            return TENSORS;
        } else if (t instanceof Type.Module m) {
            return module(m.name());
        } else if (t instanceof Type.Init) {
            return INIT;
        }
        return UNKNOWN;
    }

    /** The IR type this Java type stands for. */
    Type ir() {
        return switch (kind) {
            case LONG -> Type.INT;
            case DOUBLE -> Type.FLOAT;
            case BOOLEAN -> Type.BOOL;
            case STRING -> Type.STRING;
            case LONGS -> Type.listOf(Type.INT);
            case DOUBLES -> Type.listOf(Type.FLOAT);
            case BOOLEANS -> Type.listOf(Type.BOOL);
            case ENUM -> Type.enumType(name);
            case TENSOR -> Type.TENSOR;
            case TENSORS -> Type.TENSORS;
            case MODULE -> Type.module(name);
            case MODULE_LIST -> Type.moduleList(name);
            case INIT -> Type.INIT;
            case UNKNOWN -> Type.UNKNOWN;
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
