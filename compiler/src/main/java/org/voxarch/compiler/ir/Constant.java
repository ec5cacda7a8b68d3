package org.voxarch.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.voxarch.compiler.model.Shape;

/**
 * A value the compiler computed, frozen: an elaborated instance's argument, a network parameter, what a forward
 * call produced. Each prints as the spec would write it ({@code 4}, {@code [64, 128]}, {@code [B, 32, 8]}).
 */
public sealed interface Constant {
    Type type();

    record Int(long value) implements Constant {
        public Type type() {
            return Type.INT;
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    record Float(double value) implements Constant {
        public Type type() {
            return Type.FLOAT;
        }

        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    record Bool(boolean value) implements Constant {
        public Type type() {
            return Type.BOOL;
        }

        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    record Str(String value) implements Constant {
        public Type type() {
            return Type.STRING;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** An enum constant; {@code enumName} lists the candidates joined by {@code |} while still ambiguous. */
    record EnumConst(String enumName, String constant) implements Constant {
        public Type type() {
            return Type.enumType(enumName);
        }

        @Override
        public String toString() {
            return constant;
        }
    }

    record ListOf(List<Constant> items) implements Constant {
        public ListOf {
            items = List.copyOf(items);
        }

        public Type type() {
            return Type.listOf(items.isEmpty() ? Type.INT : items.get(0).type());
        }

        @Override
        public String toString() {
            return items.stream().map(Constant::toString).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** A module value (an argument holding a block instance), known by its type and where it sits. */
    record ModuleRef(String typeName, String text) implements Constant {
        public Type type() {
            return Type.module(typeName);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A tensor in forward, known by its shape. */
    record Tensor(Shape shape) implements Constant {
        public Type type() {
            return Type.TENSOR;
        }

        @Override
        public String toString() {
            return shape.toString();
        }
    }

    /** Several outputs of one call. */
    record Tuple(List<Constant> items) implements Constant {
        public Tuple {
            items = List.copyOf(items);
        }

        public Type type() {
            return Type.TENSORS;
        }

        /** The shapes of the items joined by ", " (nested tuples flattened). */
        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            for (Constant item : items) {
                parts.add(item.toString());
            }
            return String.join(", ", parts);
        }
    }

    /** An initialiser such as {@code trunc_normal(0.02)}, as text. */
    record Init(String text) implements Constant {
        public Type type() {
            return Type.INIT;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The symbolic batch dimension. */
    record Batch() implements Constant {
        public Type type() {
            return Type.INT;
        }

        @Override
        public String toString() {
            return "B";
        }
    }

    /** The result of something already reported. */
    record Error() implements Constant {
        public Type type() {
            return Type.UNKNOWN;
        }

        @Override
        public String toString() {
            return "?";
        }
    }
}
