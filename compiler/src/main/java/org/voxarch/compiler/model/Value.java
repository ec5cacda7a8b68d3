package org.voxarch.compiler.model;

import java.util.List;
import java.util.stream.Collectors;
import org.voxarch.compiler.model.Instance;

/** Compile-time values: parameter values, module instances and (in forward) tensor shapes. */
public sealed interface Value {

    /** How the value is named in messages: {@code int 4}, {@code [int] [64, 128, 128]}, {@code tensor [B, 32]}. */
    String describe();

    /** The type as written in specs: int, float, bool, [int], an enum name, module, tensor. */
    String typeName();

    record Int(long value) implements Value {
        public String describe() {
            return "int " + value;
        }

        public String typeName() {
            return "int";
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    record Float(double value) implements Value {
        public String describe() {
            return "float " + this;
        }

        public String typeName() {
            return "float";
        }

        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    record Bool(boolean value) implements Value {
        public String describe() {
            return "bool " + value;
        }

        public String typeName() {
            return "bool";
        }

        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    record Str(String value) implements Value {
        public String describe() {
            return "string \"" + value + "\"";
        }

        public String typeName() {
            return "string";
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /**
     * An enum constant. Written without its enum ({@code shared}) where several enums declare that name, its type is
     * "EfMode|QK" until the place it is used (a typed parameter, a comparison) settles it.
     */
    record EnumConst(String type, String constant) implements Value {
        public static EnumConst ambiguous(List<String> types, String constant) {
            return new EnumConst(String.join("|", types), constant);
        }

        public boolean ambiguous() {
            return type.contains("|");
        }

        /** The enums it may belong to: one, or several while ambiguous. */
        public List<String> candidates() {
            return List.of(type.split("\\|"));
        }

        /** Whether this constant can be a constant of {@code enumName}. */
        public boolean fits(String enumName) {
            return candidates().contains(enumName);
        }

        public String describe() {
            return ambiguous() ? "'" + constant + "', a constant of " + String.join(" and ", candidates())
                    : type + " " + constant;
        }

        public String typeName() {
            return type;
        }

        @Override
        public String toString() {
            return constant;
        }
    }

    record ListOf(List<Value> items) implements Value {
        public ListOf {
            items = List.copyOf(items);
        }

        public String describe() {
            return typeName() + " " + this;
        }

        public String typeName() {
            return items.isEmpty() ? "[int]" : "[" + items.get(0).typeName() + "]";
        }

        @Override
        public String toString() {
            return items.stream().map(Value::toString).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** A module (block, primitive layer, container) or a raw parameter/buffer. */
    record Module(Instance instance) implements Value {
        public String describe() {
            return instance.kindLabel() + " " + instance.typeName();
        }

        public String typeName() {
            return instance.typeName();
        }
    }

    /**
     * A tensor inside forward, known by its shape and element type: {@link #FLOAT32} (every tensor a layer makes,
     * the default), {@link #INT64} ({@code arange}, index buffers) or {@link #BOOL} (comparisons, masks).
     */
    record Tensor(Shape shape, String dtype) implements Value {
        public static final String FLOAT32 = "float32";
        public static final String INT64 = "int64";
        public static final String BOOL = "bool";

        public Tensor(Shape shape) {
            this(shape, FLOAT32);
        }

        public boolean isFloat() {
            return dtype.equals(FLOAT32);
        }

        public String describe() {
            return (isFloat() ? "" : dtype + " ") + "tensor " + shape;
        }

        public String typeName() {
            return "tensor";
        }
    }

    /** Several outputs of one call; must be destructured. */
    record Tuple(List<Value> items) implements Value {
        public String describe() {
            return items.size() + " outputs";
        }

        public String typeName() {
            return "outputs";
        }
    }

    /** An initialiser such as {@code trunc_normal(0.02)}. */
    record Init(String kind, List<Double> args) implements Value {
        public String describe() {
            return "initialiser " + this;
        }

        public String typeName() {
            return "init";
        }

        @Override
        public String toString() {
            return args.isEmpty() ? kind
                    : kind + args.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** The symbolic batch dimension {@code B}. */
    record Batch() implements Value {
        public String describe() {
            return "the batch dimension B";
        }

        public String typeName() {
            return "dim";
        }

        @Override
        public String toString() {
            return "B";
        }
    }

    /** The result of something already reported: silently poisons what uses it, so one mistake is one error. */
    record Error() implements Value {
        public String describe() {
            return "an erroneous value";
        }

        public String typeName() {
            return "error";
        }
    }

    Value ERROR = new Error();
}
