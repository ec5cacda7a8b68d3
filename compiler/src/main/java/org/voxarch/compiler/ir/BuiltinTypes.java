package org.voxarch.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.builtins.Builtin;
import org.voxarch.compiler.builtins.FlopSink;
import org.voxarch.compiler.builtins.JavaClasses;
import org.voxarch.compiler.builtins.JavaExpr;
import org.voxarch.compiler.builtins.Site;
import org.voxarch.compiler.builtins.ValueKind;
import org.voxarch.compiler.diag.Span;

/**
 * The static type of a builtin's result: the kind of what its registry entry emits for arguments of the given
 * types (the registry's type rule), mapped into the IR's types.
 */
final class BuiltinTypes {
    private static final JavaClasses NAMES = new JavaClasses() {
        public String ops() {
            return "Ops.";
        }

        public String values() {
            return "Values.";
        }

        public String math() {
            return "Math.";
        }

        public String arrays() {
            return "Arrays.";
        }

        public String longStream() {
            return "LongStream.";
        }
    };

    private BuiltinTypes() {
    }

    static Type result(Builtin builtin, List<Type> args, Span at, List<org.voxarch.compiler.ast.Expr> operands,
            boolean natural) {
        if (builtin == null || builtin.emission() == null) {
            return Type.UNKNOWN;
        }
        List<JavaExpr> in = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            in.add(new JavaExpr("a" + i, kind(args.get(i)), JavaExpr.ATOM, null));
        }
        try {
            return type(builtin.emit(in, new Site(at, operands, natural, FlopSink.NONE), NAMES).kind());
        } catch (RuntimeException unsupported) {
            // Arguments the entry has no Java for (the checker reports them): nothing static is known.
            return Type.UNKNOWN;
        }
    }

    /** The registry's kind of a value of this type. */
    static ValueKind kind(Type t) {
        if (t instanceof Type.ListOf l) {
            return l.element() instanceof Type.Int ? ValueKind.INTS : l.element() instanceof Type.Float
                    ? ValueKind.FLOATS : l.element() instanceof Type.Bool ? ValueKind.BOOLS : ValueKind.OTHER;
        }
        if (t instanceof Type.Int) {
            return ValueKind.INT;
        } else if (t instanceof Type.Float) {
            return ValueKind.FLOAT;
        } else if (t instanceof Type.Bool) {
            return ValueKind.BOOL;
        } else if (t instanceof Type.Str) {
            return ValueKind.STRING;
        } else if (t instanceof Type.Tensor) {
            return ValueKind.TENSOR;
        } else if (t instanceof Type.Tensors) {
            return ValueKind.TENSORS;
        } else if (t instanceof Type.Init) {
            return ValueKind.INIT;
        }
        return ValueKind.OTHER;
    }

    static Type type(ValueKind k) {
        return switch (k) {
            case INT -> Type.INT;
            case FLOAT -> Type.FLOAT;
            case BOOL -> Type.BOOL;
            case STRING -> Type.STRING;
            case INTS -> Type.listOf(Type.INT);
            case FLOATS -> Type.listOf(Type.FLOAT);
            case BOOLS -> Type.listOf(Type.BOOL);
            case TENSOR -> Type.TENSOR;
            case TENSORS -> Type.TENSORS;
            case INIT -> Type.INIT;
            default -> Type.UNKNOWN;
        };
    }
}
