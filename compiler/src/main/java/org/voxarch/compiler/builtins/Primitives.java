package org.voxarch.compiler.builtins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;

/**
 * The built-in layers every block is made of. Each has PyTorch's parameter names and shapes, a shape rule and a
 * FLOP count (fvcore convention: one per multiply-add; norms 5 per element with affine, 4 without).
 */
public final class Primitives {
    private static final Value TRUE = new Value.Bool(true);
    private static final Value FALSE = new Value.Bool(false);

    private static final Map<String, List<ParamSpec>> SIGNATURES = Map.ofEntries(
            Map.entry("Conv3d", List.of(ParamSpec.required("in", "int"), ParamSpec.required("out", "int"),
                    ParamSpec.required("kernel", "int3"), ParamSpec.optional("stride", "int3", new Value.Int(1)),
                    ParamSpec.optional("padding", "int3", new Value.Int(0)), ParamSpec.optional("bias", "bool", TRUE))),
            Map.entry("ConvTranspose3d", List.of(ParamSpec.required("in", "int"), ParamSpec.required("out", "int"),
                    ParamSpec.required("kernel", "int3"), ParamSpec.optional("stride", "int3", new Value.Int(1)),
                    ParamSpec.optional("bias", "bool", TRUE))),
            Map.entry("Linear", List.of(ParamSpec.required("in", "int"), ParamSpec.required("out", "int"),
                    ParamSpec.optional("bias", "bool", TRUE))),
            Map.entry("LayerNorm", List.of(ParamSpec.required("dim", "int"),
                    ParamSpec.optional("eps", "float", new Value.Float(1e-5)))),
            Map.entry("GroupNorm", List.of(ParamSpec.required("groups", "int"), ParamSpec.required("channels", "int"),
                    ParamSpec.optional("eps", "float", new Value.Float(1e-5)))),
            Map.entry("BatchNorm3d", List.of(ParamSpec.required("channels", "int"),
                    ParamSpec.optional("eps", "float", new Value.Float(1e-5)),
                    ParamSpec.optional("momentum", "float", new Value.Float(0.1)))),
            Map.entry("InstanceNorm3d", List.of(ParamSpec.required("channels", "int"),
                    ParamSpec.optional("affine", "bool", FALSE),
                    ParamSpec.optional("eps", "float", new Value.Float(1e-5)))),
            Map.entry("Dropout", List.of(ParamSpec.optional("p", "float", new Value.Float(0.5)))),
            Map.entry("Dropout3d", List.of(ParamSpec.optional("p", "float", new Value.Float(0.5)))),
            Map.entry("LeakyReLU", List.of(ParamSpec.optional("slope", "float", new Value.Float(0.01)))));

    private Primitives() {
    }

    public static boolean isPrimitive(String name) {
        return SIGNATURES.containsKey(name);
    }

    public static Set<String> names() {
        return SIGNATURES.keySet();
    }

    public static List<ParamSpec> signature(String name) {
        return SIGNATURES.get(name);
    }

    /** Creates the layer's parameters and buffers, after its arguments are bound and checked. */
    public static void build(Instance layer, Span at) {
        Map<String, Value> a = layer.args();
        checkNormArguments(layer, at);
        switch (layer.typeName()) {
            case "Conv3d" -> {
                long in = integer(a, "in", at);
                long out = integer(a, "out", at);
                positive(layer, at, "in", "out");
                long[] k = triple(a, "kernel");
                positiveAll(layer, k, "kernel", at);
                positiveAll(layer, triple(a, "stride"), "stride", at);
                for (long p : triple(a, "padding")) {
                    if (p < 0) {
                        throw new ArchError(origin(layer, "padding", at), "Conv3d parameter 'padding' must not be"
                                + " negative, got " + Arrays.toString(triple(a, "padding")));
                    }
                }
                weight(layer, at, out, in, k[0], k[1], k[2]);
                if (bool(a, "bias")) {
                    param(layer, "bias", at, out);
                }
            }
            case "ConvTranspose3d" -> {
                long in = integer(a, "in", at);
                long out = integer(a, "out", at);
                positive(layer, at, "in", "out");
                long[] k = triple(a, "kernel");
                positiveAll(layer, k, "kernel", at);
                positiveAll(layer, triple(a, "stride"), "stride", at);
                weight(layer, at, in, out, k[0], k[1], k[2]);
                if (bool(a, "bias")) {
                    param(layer, "bias", at, out);
                }
            }
            case "Linear" -> {
                positive(layer, at, "in", "out");
                weight(layer, at, integer(a, "out", at), integer(a, "in", at));
                if (bool(a, "bias")) {
                    param(layer, "bias", at, integer(a, "out", at));
                }
            }
            case "LayerNorm" -> {
                positive(layer, at, "dim");
                param(layer, "weight", at, integer(a, "dim", at));
                param(layer, "bias", at, integer(a, "dim", at));
            }
            case "GroupNorm" -> {
                positive(layer, at, "groups", "channels");
                long groups = integer(a, "groups", at);
                long channels = integer(a, "channels", at);
                if (channels % groups != 0) {
                    List<String> valid = new ArrayList<>();
                    for (long g = 1; g <= channels; g++) {
                        if (channels % g == 0) {
                            valid.add(Long.toString(g));
                        }
                    }
                    throw new ArchError(at, "GroupNorm needs channels divisible by groups, got " + channels
                            + " channels in " + groups + " groups")
                            .withHelp(valid.size() > 12 ? null : "the group counts that divide " + channels + " are "
                                    + String.join(", ", valid.subList(0, valid.size() - 1)) + " and "
                                    + valid.get(valid.size() - 1));
                }
                param(layer, "weight", at, channels);
                param(layer, "bias", at, channels);
            }
            case "BatchNorm3d" -> {
                positive(layer, at, "channels");
                long c = integer(a, "channels", at);
                param(layer, "weight", at, c);
                param(layer, "bias", at, c);
                layer.attach("running_mean", Instance.tensor(Instance.Kind.BUFFER, new long[] {c},
                        new Value.Init("zeros", List.of()), at), false);
                layer.attach("running_var", Instance.tensor(Instance.Kind.BUFFER, new long[] {c},
                        new Value.Init("ones", List.of()), at), false);
                Instance tracked = Instance.tensor(Instance.Kind.BUFFER, new long[0],
                        new Value.Init("zeros", List.of()), at);
                tracked.setDtype("int64");
                layer.attach("num_batches_tracked", tracked, false);
            }
            case "InstanceNorm3d" -> {
                positive(layer, at, "channels");
                if (bool(a, "affine")) {
                    param(layer, "weight", at, integer(a, "channels", at));
                    param(layer, "bias", at, integer(a, "channels", at));
                }
            }
            case "Dropout", "Dropout3d" -> {
                double p = ((Value.Float) a.get("p")).value();
                if (p < 0 || p > 1) {
                    throw new ArchError(origin(layer, "p", at), "dropout probability must be between 0 and 1, got "
                            + p).withNote("for " + layer.typeName() + " declared at " + at.location());
                }
            }
            default -> {
                // LeakyReLU has no parameters.
            }
        }
    }

    /** Output shape of one call, adding its FLOPs to the layer. */
    public static Shape forward(Instance layer, Shape x, Span at) {
        Map<String, Value> a = layer.args();
        String type = layer.typeName();
        switch (type) {
            case "Conv3d", "ConvTranspose3d" -> {
                boolean transposed = type.equals("ConvTranspose3d");
                long in = integer(a, "in", at);
                long out = integer(a, "out", at);
                requireRank(x, 5, type, at, "[B, C, Z, Y, X]");
                if (x.dim(1) != in) {
                    throw new ArchError(at, type + " expects " + in + " input channels but got " + x.dim(1))
                            .withNoteOnShape(x);
                }
                long[] k = triple(a, "kernel");
                long[] s = triple(a, "stride");
                long[] p = transposed ? new long[3] : triple(a, "padding");
                long[] dims = {x.dim(0), out, 0, 0, 0};
                long spatial = 1;
                long inSpatial = 1;
                for (int i = 0; i < 3; i++) {
                    long size = x.dim(2 + i);
                    long o = outputSize(type, size, k[i], s[i], p[i], transposed, at, i);
                    if (o <= 0) {
                        throw new ArchError(at, type + " kernel " + k[i] + " does not fit input size " + size
                                + " on spatial axis " + i).withNoteOnShape(x);
                    }
                    dims[2 + i] = o;
                    spatial = Checked.product(at, type + "'s output size", spatial, o);
                    inSpatial = Checked.product(at, type + "'s input size", inSpatial, size);
                }
                Checked.addFlops(layer, at, Checked.product(at, "the FLOPs of " + type + " on " + x, in, out, k[0], k[1],
                        k[2], transposed ? inSpatial : spatial));
                return new Shape(dims);
            }
            case "Linear" -> {
                long in = integer(a, "in", at);
                if (x.rank() < 1 || x.dim(-1) != in) {
                    throw new ArchError(at, "Linear expects last dimension " + in + " but got " + x)
                            .withNoteOnShape(x);
                }
                long[] dims = x.concrete();
                dims[dims.length - 1] = integer(a, "out", at);
                Shape y = new Shape(dims);
                Checked.addFlops(layer, at, Checked.product(at, "the FLOPs of Linear on " + x, in,
                        Checked.numel(at, y)));
                return y;
            }
            case "LayerNorm" -> {
                long d = integer(a, "dim", at);
                if (x.rank() < 1 || x.dim(-1) != d) {
                    throw new ArchError(at, "LayerNorm over " + d + " features got " + x).withNoteOnShape(x);
                }
                Checked.addFlops(layer, at, Checked.product(at, "the FLOPs of LayerNorm on " + x, 5,
                        Checked.numel(at, x)));
                return x;
            }
            case "GroupNorm", "BatchNorm3d", "InstanceNorm3d" -> {
                long c = integer(a, type.equals("GroupNorm") ? "channels" : "channels", at);
                if (type.endsWith("3d")) {
                    requireRank(x, 5, type, at, "[B, C, Z, Y, X]");
                }
                if (x.rank() < 2 || x.dim(1) != c) {
                    throw new ArchError(at, type + " expects " + c + " channels but got " + x).withNoteOnShape(x);
                }
                boolean affine = !type.equals("InstanceNorm3d") || bool(a, "affine");
                Checked.addFlops(layer, at, Checked.product(at, "the FLOPs of " + type + " on " + x, affine ? 5 : 4,
                        Checked.numel(at, x)));
                return x;
            }
            case "Dropout3d" -> {
                requireRank(x, 5, type, at, "[B, C, Z, Y, X]");
                return x;
            }
            default -> {
                return x;
            }
        }
    }

    /** One spatial output size of a convolution, in checked arithmetic (a huge patch or padding is an error). */
    private static long outputSize(String type, long size, long k, long s, long p, boolean transposed, Span at,
            int axis) {
        String what = type + "'s output size on spatial axis " + axis;
        if (transposed) {
            return Checked.sum(at, what, Checked.product(at, what, size - 1, s), k);
        }
        return Checked.sum(at, what, Checked.sum(at, what, size, Checked.product(at, what, 2, p)), -k) / s + 1;
    }

    /** A norm's eps must not be negative (libtorch would divide by the root of a negative), momentum a fraction. */
    private static void checkNormArguments(Instance layer, Span at) {
        if (layer.args().get("eps") instanceof Value.Float eps && !(eps.value() >= 0)) {
            throw new ArchError(origin(layer, "eps", at), layer.typeName() + " parameter 'eps' must not be negative,"
                    + " got " + eps.value());
        }
        if (layer.args().get("momentum") instanceof Value.Float m && !(m.value() >= 0 && m.value() <= 1)) {
            throw new ArchError(origin(layer, "momentum", at), layer.typeName() + " parameter 'momentum' must be"
                    + " between 0 and 1, got " + m.value());
        }
    }

    private static void requireRank(Shape x, int rank, String type, Span at, String expected) {
        if (x.rank() != rank) {
            throw new ArchError(at, type + " expects a " + rank + "-D tensor " + expected + " but got " + x);
        }
    }

    private static void weight(Instance layer, Span at, long... shape) {
        Checked.product(at, "the parameter count of " + layer.typeName() + "'s weight " + Arrays.toString(shape),
                shape);
        layer.attach("weight", Instance.tensor(Instance.Kind.PARAM, shape, new Value.Init("default", List.of()), at),
                false);
    }

    private static void param(Instance layer, String name, Span at, long... shape) {
        String init = name.equals("weight") ? "ones" : name.equals("bias") && !layer.typeName().contains("Norm")
                ? "default" : "zeros";
        Checked.product(at, "the parameter count of " + layer.typeName() + "'s " + name + " " + Arrays.toString(shape),
                shape);
        layer.attach(name, Instance.tensor(Instance.Kind.PARAM, shape, new Value.Init(init, List.of()), at), false);
    }

    private static void positive(Instance layer, Span at, String... names) {
        for (String n : names) {
            long v = integer(layer.args(), n, at);
            if (v <= 0) {
                throw new ArchError(origin(layer, n, at), layer.typeName() + " parameter '" + n
                        + "' must be positive, got " + v);
            }
        }
    }

    /** Where an argument of the layer was set (a value passed through blocks is traced to where it was written). */
    private static Span origin(Instance layer, String name, Span fallback) {
        return layer.argOrigins().getOrDefault(name, fallback);
    }

    private static void positiveAll(Instance layer, long[] values, String name, Span at) {
        for (long v : values) {
            if (v <= 0) {
                throw new ArchError(origin(layer, name, at), layer.typeName() + " parameter '" + name
                        + "' must be positive, got " + Arrays.toString(values));
            }
        }
    }

    static long integer(Map<String, Value> a, String name, Span at) {
        return ((Value.Int) a.get(name)).value();
    }

    static boolean bool(Map<String, Value> a, String name) {
        return ((Value.Bool) a.get(name)).value();
    }

    static long[] triple(Map<String, Value> a, String name) {
        Value.ListOf list = (Value.ListOf) a.get(name);
        long[] out = new long[3];
        for (int i = 0; i < 3; i++) {
            out[i] = ((Value.Int) list.items().get(i)).value();
        }
        return out;
    }
}
