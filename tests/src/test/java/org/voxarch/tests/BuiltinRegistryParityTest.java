package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.builtins.Builtin;
import org.voxarch.compiler.builtins.Builtins;
import org.voxarch.compiler.builtins.FlopSink;
import org.voxarch.compiler.builtins.JavaClasses;
import org.voxarch.compiler.builtins.JavaExpr;
import org.voxarch.compiler.builtins.Site;
import org.voxarch.compiler.builtins.ValueKind;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;
import org.voxarch.runtime.nn.Ops;

/**
 * Every function and operator of the builtin registry means the same at compile time and in generated Java: each
 * entry is evaluated by the compiler and emitted as Java (compiled with javac in one go, then run) on a table of
 * edge values, and the results must be equal, or both must fail. An entry without rows fails the test, so a new
 * builtin comes with its cases.
 */
class BuiltinRegistryParityTest {
    /** The batch size the Java side gives tensors whose compile-time shape has the symbolic B. */
    private static final long BATCH = 2;
    private static final Span EDGE = Span.synthetic("edge case");
    private static final Value.Tensor X5 = tensor(Shape.BATCH, 4, 2, 3, 5);

    /** Entries that are not Java expressions, and why: checked so that the list is a decision, not a gap. */
    private static final Map<Builtin.Family, String> WITHOUT_JAVA = Map.of(
            Builtin.Family.CONTAINER, "creates modules: built by the elaborator and the block writer",
            Builtin.Family.INITIALISER, "fills a tensor: written as a statement where the tensor is created");

    private static final Map<String, List<Row>> TABLE = table();

    @TempDir
    Path dir;

    /** One case: arguments (with their Java kinds) and whether a {@code **} exponent is known to be natural. */
    record Row(List<Arg> args, boolean naturalExponent) {}

    record Arg(Value value, ValueKind kind) {}

    @Test
    void everyEntryWithJavaHasEdgeValueRows() {
        Set<String> missing = new TreeSet<>();
        for (Builtin b : Builtins.all()) {
            if (b.emission() == null) {
                assertTrue(WITHOUT_JAVA.containsKey(b.family()), () -> b.name() + " (" + b.family()
                        + ") has no Java emission; only " + WITHOUT_JAVA.keySet() + " may lack one");
            } else if (TABLE.getOrDefault(key(b), List.of()).isEmpty()) {
                missing.add(key(b));
            }
        }
        assertEquals(Set.of(), missing, "registry entries without edge-value rows in the table");
        Set<String> known = new TreeSet<>();
        Builtins.all().forEach(b -> known.add(key(b)));
        Set<String> stale = new TreeSet<>(TABLE.keySet());
        stale.removeAll(known);
        assertEquals(Set.of(), stale, "table rows for entries the registry does not have");
    }

    @Test
    void compileTimeValuesEqualTheGeneratedJava() throws Exception {
        List<Case> cases = new ArrayList<>();
        StringBuilder source = new StringBuilder("package edge;\n\npublic final class Cases {\n");
        for (Builtin b : Builtins.all()) {
            if (b.emission() == null) {
                continue;
            }
            for (Row row : TABLE.getOrDefault(key(b), List.of())) {
                Case c = new Case(b, row, "case" + cases.size());
                cases.add(c);
                source.append(c.method());
            }
        }
        source.append("}\n");
        Class<?> compiled = compile(source.toString());
        List<String> disagreements = new ArrayList<>();
        try (PointerScope scope = new PointerScope()) {
            for (Case c : cases) {
                String compileTime = c.compileTime();
                String java = run(compiled, c.methodName());
                if (!agree(compileTime, java)) {
                    disagreements.add(c.describe() + ": compiler " + compileTime + ", Java " + java + "\n    "
                            + c.emitted());
                }
            }
        }
        assertTrue(cases.size() > 150, "cases: " + cases.size());
        assertEquals("", String.join("\n", disagreements), disagreements.size() + " of " + cases.size()
                + " cases disagree");
    }

    /** Both fail, or both give the same value. */
    private static boolean agree(String compileTime, String java) {
        return compileTime.startsWith("error") ? java.startsWith("error") : compileTime.equals(java);
    }

    private static String key(Builtin b) {
        return (b.family() == Builtin.Family.UNARY ? "unary " : "") + b.name();
    }

    // ------------------------------------------------------------------------------------------------------------
    // One case: its compile-time result, its Java method, and its run

    private record Case(Builtin builtin, Row row, String methodName) {
        String compileTime() {
            List<Value> values = row.args().stream().map(Arg::value).toList();
            try {
                return show(builtin.evaluate(values, new Site(EDGE, List.of(), row.naturalExponent(),
                        FlopSink.NONE)));
            } catch (ArchError e) {
                return "error: " + e.diagnostic().message();
            }
        }

        String emitted() {
            List<JavaExpr> args = new ArrayList<>();
            for (int i = 0; i < row.args().size(); i++) {
                args.add(JavaExpr.atom("a" + i, row.args().get(i).kind()));
            }
            return builtin.emit(args, new Site(EDGE, List.of(), row.naturalExponent(), FlopSink.NONE),
                    JavaClasses.QUALIFIED).java();
        }

        String method() {
            StringBuilder m = new StringBuilder("    public static Object " + methodName + "() {\n");
            for (int i = 0; i < row.args().size(); i++) {
                Arg a = row.args().get(i);
                m.append("        ").append(javaType(a.kind())).append(" a").append(i).append(" = ")
                        .append(javaValue(a.value(), a.kind())).append(";\n");
            }
            return m.append("        return ").append(emitted()).append(";\n    }\n").toString();
        }

        String describe() {
            return key(builtin) + row.args().stream().map(a -> a.value().toString()).toList()
                    + (row.naturalExponent() ? " (natural exponent)" : "");
        }
    }

    private Class<?> compile(String source) throws IOException, ReflectiveOperationException {
        Path file = dir.resolve("edge/Cases.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, null, new PrintStream(messages, true, StandardCharsets.UTF_8), "-d",
                dir.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none", file.toString());
        assertEquals(0, status, () -> "the emitted Java does not compile:\n" + messages + "\n" + source);
        ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass("edge.Cases");
    }

    private static String run(Class<?> cases, String method) {
        try {
            return show(cases.getMethod(method).invoke(null));
        } catch (InvocationTargetException e) {
            return "error: " + e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Values on both sides, written the same way: "int 3", "float 0.5", "ints [1, 2]", "shape [2, 4]"...

    private static String show(Value v) {
        if (v instanceof Value.Int i) {
            return "int " + i.value();
        } else if (v instanceof Value.Float f) {
            return "float " + f.value();
        } else if (v instanceof Value.Bool b) {
            return "bool " + b.value();
        } else if (v instanceof Value.Tensor t) {
            return "shape " + Arrays.toString(Arrays.stream(t.shape().dims()).map(d -> d == Shape.BATCH ? BATCH : d)
                    .toArray()) + " " + t.dtype();
        } else if (v instanceof Value.Tuple t) {
            return "tuple " + t.items().stream().map(BuiltinRegistryParityTest::show).toList();
        } else if (v instanceof Value.ListOf l) {
            List<String> items = l.items().stream().map(BuiltinRegistryParityTest::show).toList();
            String kind = l.items().stream().anyMatch(x -> x instanceof Value.Float) ? "floats"
                    : l.items().stream().anyMatch(x -> x instanceof Value.Bool) ? "bools" : "ints";
            // A list's items are shown without their kind: a Java long[] holds ints, a double[] floats.
            return kind + " " + items.stream().map(s -> s.substring(s.indexOf(' ') + 1)).toList();
        }
        return v.describe();
    }

    private static String show(Object o) {
        if (o instanceof Long l) {
            return "int " + l;
        } else if (o instanceof Double d) {
            return "float " + d;
        } else if (o instanceof Boolean b) {
            return "bool " + b;
        } else if (o instanceof Tensor t) {
            return "shape " + Arrays.toString(Ops.shape(t)) + " " + dtype(t);
        } else if (o instanceof Tensor[] ts) {
            return "tuple " + Arrays.stream(ts).map(BuiltinRegistryParityTest::show).toList();
        } else if (o instanceof long[] a) {
            return "ints " + Arrays.stream(a).mapToObj(Long::toString).toList();
        } else if (o instanceof double[] a) {
            return "floats " + Arrays.stream(a).mapToObj(Double::toString).toList();
        } else if (o instanceof boolean[] a) {
            List<String> items = new ArrayList<>();
            for (boolean b : a) {
                items.add(Boolean.toString(b));
            }
            return "bools " + items;
        }
        return String.valueOf(o);
    }

    /** The element type of a runtime tensor, named as the compiler names it. */
    private static String dtype(Tensor t) {
        return switch (t.scalar_type().intern()) {
            case Float -> Value.Tensor.FLOAT32;
            case Long -> Value.Tensor.INT64;
            case Bool -> Value.Tensor.BOOL;
            default -> t.scalar_type().intern().toString();
        };
    }

    private static String javaType(ValueKind kind) {
        return switch (kind) {
            case INT -> "long";
            case FLOAT -> "double";
            case BOOL -> "boolean";
            case STRING -> "String";
            case INTS -> "long[]";
            case FLOATS -> "double[]";
            case BOOLS -> "boolean[]";
            case TENSOR -> "org.bytedeco.pytorch.Tensor";
            case TENSORS -> "org.bytedeco.pytorch.Tensor[]";
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    /** The argument as Java source (numbers parsed from text, so that every long and NaN can be written). */
    private static String javaValue(Value v, ValueKind kind) {
        if (v instanceof Value.Int i) {
            return kind == ValueKind.FLOAT ? "(double) Long.parseLong(\"" + i.value() + "\")"
                    : "Long.parseLong(\"" + i.value() + "\")";
        } else if (v instanceof Value.Float f) {
            return "Double.parseDouble(\"" + f.value() + "\")";
        } else if (v instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        } else if (v instanceof Value.Str s) {
            return "new String(\"" + s.value() + "\")";
        } else if (v instanceof Value.Batch) {
            return Long.toString(BATCH);
        } else if (v instanceof Value.Tensor t) {
            // Index tensors hold zeros (a valid index into any non-empty axis), masks and values ones.
            String fill = t.dtype().equals(Value.Tensor.INT64) ? "zeros" : "ones";
            String type = switch (t.dtype()) {
                case Value.Tensor.INT64 -> "Long";
                case Value.Tensor.BOOL -> "Bool";
                default -> "Float";
            };
            return "org.bytedeco.pytorch.global.torch." + fill + "(" + String.join(", ", Arrays.stream(t.shape().dims())
                    .mapToObj(d -> (d == Shape.BATCH ? BATCH : d) + "L").toList())
                    + ").to(org.bytedeco.pytorch.global.torch.ScalarType." + type + ")";
        } else if (v instanceof Value.ListOf l) {
            ValueKind element = kind.element();
            List<String> items = l.items().stream().map(x -> javaValue(x, element)).toList();
            return "new " + javaType(kind) + " {" + String.join(", ", items) + "}";
        }
        throw new IllegalArgumentException(v.describe());
    }

    // ------------------------------------------------------------------------------------------------------------
    // The table

    private static Value.Int i(long v) {
        return new Value.Int(v);
    }

    private static Value.Float f(double v) {
        return new Value.Float(v);
    }

    private static Value.Bool b(boolean v) {
        return new Value.Bool(v);
    }

    private static Value.ListOf list(Value... items) {
        return new Value.ListOf(List.of(items));
    }

    private static Value.Tensor tensor(long... dims) {
        return new Value.Tensor(new Shape(dims));
    }

    private static Value.Tensor ints(long... dims) {
        return new Value.Tensor(new Shape(dims), Value.Tensor.INT64);
    }

    private static Value.Tensor mask(long... dims) {
        return new Value.Tensor(new Shape(dims), Value.Tensor.BOOL);
    }

    private static Value.Str str(String s) {
        return new Value.Str(s);
    }

    /** The Java kind of an argument as the code generator types it (an empty list is a long[]). */
    private static ValueKind kindOf(Value v) {
        if (v instanceof Value.Int || v instanceof Value.Batch) {
            return ValueKind.INT;
        } else if (v instanceof Value.Float) {
            return ValueKind.FLOAT;
        } else if (v instanceof Value.Bool) {
            return ValueKind.BOOL;
        } else if (v instanceof Value.Str) {
            return ValueKind.STRING;
        } else if (v instanceof Value.Tensor) {
            return ValueKind.TENSOR;
        } else if (v instanceof Value.ListOf l) {
            if (l.items().stream().anyMatch(x -> x instanceof Value.Tensor)) {
                return ValueKind.TENSORS;
            }
            return l.items().stream().anyMatch(x -> x instanceof Value.Float) ? ValueKind.FLOATS
                    : !l.items().isEmpty() && l.items().get(0) instanceof Value.Bool ? ValueKind.BOOLS : ValueKind.INTS;
        }
        throw new IllegalArgumentException(v.describe());
    }

    private static Row row(Value... args) {
        return new Row(Arrays.stream(args).map(a -> new Arg(a, kindOf(a))).toList(), false);
    }

    private static Row natural(Value... args) {
        return new Row(row(args).args(), true);
    }

    /** An empty list of bools (its kind cannot be told from its items). */
    private static Row emptyBools() {
        return new Row(List.of(new Arg(list(), ValueKind.BOOLS)), false);
    }

    private static Map<String, List<Row>> table() {
        long max = Long.MAX_VALUE;
        long min = Long.MIN_VALUE;
        Map<String, List<Row>> t = new LinkedHashMap<>();
        // Operators on values.
        t.put("+", List.of(row(i(2), i(3)), row(i(-7), i(2)), row(i(1), f(2.5)), row(f(2.5), i(-1)), row(i(max), i(1)),
                row(i(min), i(-1)), row(list(i(1), i(2)), list(i(3))), row(list(), list()),
                row(tensor(Shape.BATCH, 2, 3), tensor(3)), row(X5, i(1)), row(f(0.5), tensor(2, 3))));
        t.put("-", List.of(row(i(-7), i(2)), row(i(1), f(2.5)), row(i(min), i(1)), row(i(0), i(0)),
                row(tensor(Shape.BATCH, 2, 3), tensor(2, 1)), row(i(1), tensor(3))));
        t.put("*", List.of(row(i(-7), i(2)), row(i(3), f(0.5)), row(i(max), i(2)), row(i(0), f(-1.5)),
                row(i(min), i(-1)), row(tensor(4, 1), tensor(1, 5)), row(X5, f(0.5))));
        t.put("/", List.of(row(i(7), i(2)), row(i(-7), i(2)), row(i(7), i(-2)), row(i(-7), i(-2)), row(i(0), i(5)),
                row(i(1), i(0)), row(f(1.0), i(0)), row(i(1), f(0.0)), row(i(7), f(2.0)), row(i(-7), f(2.5)),
                row(i(min), i(-1)), row(i(min), i(1)), row(tensor(Shape.BATCH, 3), i(2)), row(i(2), tensor(3))));
        t.put("%", List.of(row(i(7), i(3)), row(i(-7), i(3)), row(i(7), i(-3)), row(i(-7), i(-3)), row(i(0), i(5)),
                row(f(-7.5), i(2)), row(f(7.5), i(-2)), row(i(-1), f(0.25)), row(i(1), i(0)), row(f(1.5), f(0.0)),
                row(i(min), i(-1))));
        t.put("**", List.of(natural(i(2), i(3)), natural(i(-2), i(3)), natural(i(0), i(0)), natural(i(1), i(1000)),
                natural(i(-1), i(7)), natural(i(2), i(63)), natural(i(2), i(62)), natural(i(10), i(19)),
                row(i(2), i(-1)), row(i(2), i(3)), row(i(-2), i(-3)), row(i(0), i(-1)), row(f(2.0), i(-2)),
                row(i(4), f(0.5)), row(f(-8.0), f(0.5)), natural(f(1.5), i(2))));
        t.put("@", List.of(row(tensor(2, 3), tensor(3, 4)), row(tensor(Shape.BATCH, 5, 2, 3), tensor(3, 4)),
                row(tensor(2, 3), tensor(4, 5))));
        for (String op : List.of("<", "<=", ">", ">=")) {
            t.put(op, List.of(row(i(1), i(2)), row(i(2), i(2)), row(i(2), f(1.5)), row(f(-0.0), f(0.0)),
                    row(f(Double.NaN), i(1)), row(i(max), i(min)), row(tensor(Shape.BATCH, 3), tensor(3)),
                    row(tensor(2, 1), i(1)), row(f(0.5), ints(4)), row(tensor(2, 3), tensor(4, 3))));
        }
        for (String op : List.of("==", "!=")) {
            t.put(op, List.of(row(i(1), i(1)), row(i(1), f(1.0)), row(i(2), i(3)), row(f(Double.NaN), f(Double.NaN)),
                    row(b(true), b(false)), row(b(true), b(true)), row(list(i(1), i(2)), list(i(1), i(2))),
                    row(list(i(1)), list(i(1), i(2))), row(list(), list()), row(new Value.Str("a"),
                    new Value.Str("a")), row(new Value.Str("a"), new Value.Str("b")), row(X5, tensor(1, 1, 1, 5)),
                    row(ints(3), i(0)), row(mask(2), mask(2)), row(tensor(2), tensor(3))));
        }
        for (String op : List.of("and", "or")) {
            t.put(op, List.of(row(b(true), b(true)), row(b(true), b(false)), row(b(false), b(true)),
                    row(b(false), b(false))));
        }
        t.put("unary -", List.of(row(i(5)), row(i(-5)), row(i(0)), row(f(-2.5)), row(f(0.0)), row(i(max)),
                row(i(min)), row(tensor(2, 3))));
        t.put("unary not", List.of(row(b(true)), row(b(false))));
        // Functions on values.
        t.put("range", List.of(row(i(5)), row(i(0)), row(i(-3)), row(i(2), i(5)), row(i(5), i(2)), row(i(-3), i(2)),
                row(i(0), i(10), i(3)), row(i(0), i(10), i(20)), row(i(0), i(5), i(0)), row(i(0), i(5), i(-1))));
        for (String fn : List.of("all", "any")) {
            t.put(fn, List.of(row(list(b(true), b(false))), row(list(b(true), b(true))), row(list(b(false))),
                    emptyBools()));
        }
        t.put("len", List.of(row(list(i(1), i(2), i(3))), row(list()), row(list(f(0.5))), row(list(b(true)))));
        t.put("prod", List.of(row(list(i(2), i(3), i(4))), row(list()), row(list(i(2), f(2.5))),
                row(list(i(-1), i(-1))), row(list(i(max), i(2))), row(list(i(0), i(max))), row(list(f(1e300),
                f(1e300)))));
        t.put("sum", List.of(row(list(i(1), i(-2))), row(list()), row(list(i(1), f(2.5))), row(list(i(max), i(1))),
                row(list(i(max), i(-1), i(1)))));
        for (String fn : List.of("min", "max")) {
            t.put(fn, List.of(row(i(3), i(-2)), row(i(1), f(2.5)), row(i(3), f(2.5)), row(i(1), i(2), i(3)),
                    row(list(i(4), i(-1), i(2))), row(list(f(1.5), i(2))), row(list()), row(i(min), i(max)),
                    row(f(-0.0), i(0))));
        }
        t.put("sqrt", List.of(row(i(4)), row(f(2.25)), row(i(-1)), row(i(0)), row(i(max))));
        t.put("abs", List.of(row(i(-3)), row(f(-2.5)), row(i(0)), row(f(-0.0))));
        t.put("floor", List.of(row(f(-2.5)), row(f(2.5)), row(i(3)), row(i(-3)), row(f(1e300)), row(f(Double.NaN))));
        t.put("ceil", List.of(row(f(-2.5)), row(f(2.5)), row(i(3)), row(f(-1e300)), row(f(-0.5))));
        t.put("int", List.of(row(f(-2.7)), row(f(2.7)), row(i(3)), row(f(Double.NaN)), row(f(1e300))));
        t.put("float", List.of(row(i(3)), row(f(-0.5)), row(i(max))));
        // Functions on tensors: shapes.
        Value.Tensor tokens = tensor(Shape.BATCH, 30, 4);
        Value.Tensor x3 = tensor(Shape.BATCH, 4, 6);
        t.put("to_tokens", List.of(row(X5), row(tensor(Shape.BATCH, 1, 1, 1, 1))));
        t.put("to_grid", List.of(row(tokens, X5), row(tensor(Shape.BATCH, 1, 3), tensor(Shape.BATCH, 3, 1, 1, 1))));
        t.put("reshape", List.of(row(x3, list(new Value.Batch(), i(-1), i(3))), row(x3, list(new Value.Batch(),
                i(24))), row(x3, list(new Value.Batch(), i(2), i(2), i(6)))));
        t.put("permute", List.of(row(x3, list(i(0), i(2), i(1))), row(x3, list(i(0), i(-1), i(1))),
                row(X5, list(i(0), i(2), i(3), i(4), i(1)))));
        t.put("transpose", List.of(row(x3, i(1), i(2)), row(x3, i(-1), i(1)), row(X5, i(2), i(-1))));
        for (String fn : List.of("softmax", "normalize")) {
            t.put(fn, List.of(row(x3, i(-1)), row(x3, i(1)), row(X5, i(0)), row(ints(3), i(0))));
        }
        t.put("leaky_relu", List.of(row(x3), row(x3, f(0.2)), row(X5, i(0))));
        for (String fn : List.of("relu", "gelu", "sigmoid")) {
            t.put(fn, List.of(row(x3), row(tensor(3))));
        }
        t.put("cat", List.of(row(list(tensor(Shape.BATCH, 2, 3), tensor(Shape.BATCH, 4, 3)), i(1)),
                row(list(tensor(Shape.BATCH, 2, 3), tensor(Shape.BATCH, 2, 5)), i(-1)), row(list(x3), i(0))));
        tensorFunctionsBeyondUnetrpp(t);
        t.put("unbind", List.of(row(tensor(Shape.BATCH, 3, 4), i(1)), row(tensor(Shape.BATCH, 3, 4), i(-1)),
                row(tensor(Shape.BATCH, 1, 4), i(1))));
        return t;
    }

    private static void tensorFunctionsBeyondUnetrpp(Map<String, List<Row>> t) {
        Value.Tensor grid = tensor(Shape.BATCH, 2, 3, 4, 5);
        t.put("interpolate", List.of(row(grid, list(i(6), i(8), i(10))), row(grid, i(2)), row(grid, f(1.5),
                str("trilinear")), row(grid, f(0.5), str("trilinear"), b(true)), row(grid, i(2), str("nearest"),
                b(true)), row(grid, f(0.1)), row(grid, i(2), str("cubic")), row(tensor(2, 3), i(2)),
                row(grid, list(i(6), i(8)))));
        t.put("pad", List.of(row(grid, list(i(1), i(2))), row(grid, list(i(1), i(1), i(0), i(2), i(3), i(0)),
                str("replicate")), row(grid, list(i(2), i(2)), str("constant"), f(-1.5)), row(grid, list(i(1), i(1), i(1),
                i(1), i(1), i(1)), str("reflect")), row(grid, list(i(5), i(0), i(0), i(0), i(0), i(0)), str("reflect")),
                row(grid, list(i(1))), row(grid, list(i(1), i(1)), str("reflect"))));
        t.put("roll", List.of(row(grid, i(1), i(2)), row(grid, list(i(-1), i(3)), list(i(-1), i(2))),
                row(ints(5), i(2), i(0)), row(grid, list(i(1)), list(i(1), i(2))), row(grid, i(1), i(5))));
        t.put("where", List.of(row(mask(3, 4), tensor(Shape.BATCH, 3, 4), f(0.5)), row(mask(4), i(1), i(-100)),
                row(mask(4), ints(4), ints(1)), row(mask(4), ints(4), i(2)), row(mask(Shape.BATCH, 1), f(1.5),
                tensor(3)), row(tensor(4), i(1), i(2)), row(mask(3), tensor(4), i(0))));
        t.put("masked_fill", List.of(row(tensor(Shape.BATCH, 3, 4), mask(3, 4), f(-100.0)),
                row(tensor(Shape.BATCH, 3, 4), mask(1, 4), i(0)), row(ints(4), mask(4), i(7)),
                row(tensor(3), mask(2, 3), i(0)), row(tensor(3), tensor(3), i(0))));
        t.put("arange", List.of(row(i(4)), row(i(2), i(9)), row(i(2), i(9), i(3)), row(i(5), i(0), i(-2)),
                row(i(0)), row(i(0), i(5), i(0)), row(i(3), i(1))));
        t.put("index_select", List.of(row(tensor(5, 4), i(0), ints(3)), row(tensor(Shape.BATCH, 5, 4), i(-1), ints(2)),
                row(ints(6), i(0), ints(6)), row(tensor(5, 4), i(0), ints(3, 1)), row(tensor(5, 4), i(0), tensor(3)),
                row(tensor(5, 4), i(2), ints(3))));
        t.put("take", List.of(row(tensor(5, 4), ints(3, 3)), row(tensor(5), ints(2)), row(tensor(5), tensor(2))));
    }
}
