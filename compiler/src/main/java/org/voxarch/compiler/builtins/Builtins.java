package org.voxarch.compiler.builtins;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.builtins.Builtin.Family;

/**
 * The registry of the language's functions and operators: the evaluator, the static checker and the code
 * generator all read them from here, so adding a function touches its family's class only. Layers are declared
 * in {@link Primitives} (signature, parameters, shape and FLOP rules), blocks in specs.
 */
public final class Builtins {
    /** Module constructors that are not layers: they create modules, so the elaborator builds them. */
    private static final List<String> CONTAINERS = List.of("Sequential", "ModuleList", "param", "buffer");

    private static final Map<String, Builtin> FUNCTIONS = new LinkedHashMap<>();
    private static final Map<String, Builtin> BINARY = new LinkedHashMap<>();
    private static final Map<String, Builtin> UNARY = new LinkedHashMap<>();

    static {
        List<Builtin> functions = new ArrayList<>(ValueFunctions.all());
        functions.addAll(TensorFunctions.all());
        functions.addAll(GridFunctions.all());
        functions.addAll(MaskAndIndexFunctions.all());
        functions.addAll(Initialisers.all());
        for (String c : CONTAINERS) {
            functions.add(new Builtin(c, Family.CONTAINER, Signature.variadic(0, "items"), null, null));
        }
        functions.forEach(b -> put(FUNCTIONS, b));
        Operators.binary().forEach(b -> put(BINARY, b));
        Operators.unary().forEach(b -> put(UNARY, b));
    }

    private Builtins() {
    }

    private static void put(Map<String, Builtin> map, Builtin b) {
        if (map.put(b.name(), b) != null) {
            throw new IllegalStateException("builtin " + b.name() + " is declared twice");
        }
    }

    /** The function called by this name, or null. */
    public static Builtin function(String name) {
        return FUNCTIONS.get(name);
    }

    public static Builtin binary(String op) {
        Builtin b = BINARY.get(op);
        if (b == null) {
            throw new IllegalArgumentException("no operator " + op);
        }
        return b;
    }

    public static Builtin unary(String op) {
        Builtin b = UNARY.get(op);
        if (b == null) {
            throw new IllegalArgumentException("no unary operator " + op);
        }
        return b;
    }

    /** Names of the functions callable by name (values, tensors, initialisers, containers). */
    public static Set<String> functionNames() {
        return Collections.unmodifiableSet(FUNCTIONS.keySet());
    }

    /** An initialiser without arguments, which may be written without parentheses ({@code bias = zeros}). */
    public static boolean isBareInitialiser(String name) {
        Builtin b = FUNCTIONS.get(name);
        return b != null && b.family() == Family.INITIALISER && b.signature().required() == 0;
    }

    /** Every function and operator, for tests that check each entry. */
    public static List<Builtin> all() {
        List<Builtin> all = new ArrayList<>(FUNCTIONS.values());
        all.addAll(BINARY.values());
        all.addAll(UNARY.values());
        return all;
    }

    /** {@code range(start, end)} etc. as a Java LongStream, which a comprehension over a range iterates. */
    public static String rangeStream(List<String> args, JavaClasses classes) {
        return ValueFunctions.rangeStream(args, classes);
    }
}
