package org.voxarch.cli;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.codegen.JavaGenerator;
import org.voxarch.compiler.eval.Value;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;
import org.voxarch.runtime.infer.SlidingWindowPredictor;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.NoGrad;

/**
 * From options to a built network: the spec is elaborated first (so every mistake is a diagnostic, not a crash),
 * then the generated class is instantiated: the one the build generated for a bundled network, or one compiled now
 * from the user's spec.
 */
final class NetworkLoader {
    /** Package of the classes the build generates from the bundled specs. */
    static final String BUNDLED_PACKAGE = "org.voxarch.models";

    private NetworkLoader() {
    }

    /** A network elaborated from options, with the program it came from. */
    record Elaborated(Program program, NetworkModel model, boolean bundled) {}

    static Elaborated elaborate(ModelOptions options) {
        Program program = options.spec == null ? Compiler.loadBundled()
                : Compiler.loadFiles(List.of(options.spec));
        NetworkModel model = Compiler.elaborate(program, options.model, options.settings);
        return new Elaborated(program, model, options.spec == null);
    }

    /** Builds the module for an elaborated network. */
    static ArchModule instantiate(Elaborated e) {
        try {
            Class<?> type = e.bundled() ? bundledClass(e.model()) : null;
            if (type == null) {
                type = SpecClassCompiler.compile(JavaGenerator.generate(e.program(), e.model(), "voxarch.specs"));
                return (ArchModule) type.getConstructor().newInstance();
            }
            Class<?> parametersType = Class.forName(type.getName() + "$Parameters");
            Object parameters = parameters(parametersType, e.model());
            return (ArchModule) type.getConstructor(parametersType).newInstance(parameters);
        } catch (java.lang.reflect.InvocationTargetException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot build " + e.model().name() + ": " + ex, ex);
        }
    }

    private static Class<?> bundledClass(NetworkModel model) {
        try {
            return Class.forName(BUNDLED_PACKAGE + "." + JavaGenerator.className(model.name()));
        } catch (ClassNotFoundException notGenerated) {
            return null;
        }
    }

    /** The generated Parameters record, filled with the elaborated values (after --set). */
    private static Object parameters(Class<?> type, NetworkModel model) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        List<Value> values = List.copyOf(model.parameters().values());
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = toJava(values.get(i), types[i]);
        }
        return type.getDeclaredConstructor(types).newInstance(args);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object toJava(Value v, Class<?> type) {
        if (type == long.class) {
            return ((Value.Int) v).value();
        }
        if (type == double.class) {
            return v instanceof Value.Int i ? (double) i.value() : ((Value.Float) v).value();
        }
        if (type == boolean.class) {
            return ((Value.Bool) v).value();
        }
        if (type == String.class) {
            return v.toString();
        }
        if (type == long[].class) {
            return ((Value.ListOf) v).items().stream().mapToLong(x -> ((Value.Int) x).value()).toArray();
        }
        if (type == double[].class) {
            return ((Value.ListOf) v).items().stream()
                    .mapToDouble(x -> x instanceof Value.Int i ? i.value() : ((Value.Float) x).value()).toArray();
        }
        if (type.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) type, ((Value.EnumConst) v).constant().toUpperCase());
        }
        throw new IllegalStateException("no conversion of " + v.describe() + " to " + type);
    }

    /** Calls the network's forward with its inputs; returns every output. */
    static Tensor[] forward(ArchModule net, Tensor... inputs) {
        try {
            for (Method m : net.getClass().getMethods()) {
                if (m.getName().equals("forward") && m.getParameterCount() == inputs.length) {
                    Object out = m.invoke(net, (Object[]) inputs);
                    return out instanceof Tensor[] several ? several : new Tensor[] {(Tensor) out};
                }
            }
            throw new UserError(net.getClass().getSimpleName() + " has no forward taking " + inputs.length
                    + " input(s)");
        } catch (java.lang.reflect.InvocationTargetException ex) {
            Throwable cause = ex.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (IllegalAccessException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** @return the (z, y, x) patch of a network's first input {@code [B, C, z, y, x]} */
    static int[] patchOf(NetworkModel model) {
        long[] input = model.inputs().values().iterator().next().concrete();
        return new int[] {(int) input[2], (int) input[3], (int) input[4]};
    }

    /**
     * The sliding-window predictor of a network in eval mode on {@code device}: its patch, the classes of its first
     * output, and the network's forward without gradients.
     */
    static SlidingWindowPredictor slidingWindow(ArchModule net, NetworkModel model, boolean mirror,
            int windowsPerForward, Device device) {
        int classes = (int) model.outputs().get(0).dim(1);
        return new SlidingWindowPredictor(x -> NoGrad.get(() -> forward(net, x)),
                SlidingWindowPredictor.Options.of(patchOf(model), classes).withMirror(mirror)
                        .withBatchSize(windowsPerForward).withDevice(device));
    }
}
