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

    private static final Value ONE = new Value.Int(1);
    private static final Value ZERO = new Value.Int(0);

    /** Parameters added after the first ones keep their positions, so existing positional calls mean the same. */
    private static final Map<String, List<ParamSpec>> SIGNATURES = withParameterFree(Map.ofEntries(
            Map.entry("Conv3d", List.of(ParamSpec.required("in", "int"), ParamSpec.required("out", "int"),
                    ParamSpec.required("kernel", "int3"), ParamSpec.optional("stride", "int3", ONE),
                    ParamSpec.optional("padding", "int3", ZERO), ParamSpec.optional("bias", "bool", TRUE),
                    ParamSpec.optional("dilation", "int3", ONE), ParamSpec.optional("groups", "int", ONE))),
            Map.entry("ConvTranspose3d", List.of(ParamSpec.required("in", "int"), ParamSpec.required("out", "int"),
                    ParamSpec.required("kernel", "int3"), ParamSpec.optional("stride", "int3", ONE),
                    ParamSpec.optional("bias", "bool", TRUE), ParamSpec.optional("padding", "int3", ZERO),
                    ParamSpec.optional("output_padding", "int3", ZERO), ParamSpec.optional("dilation", "int3", ONE))),
            Map.entry("Linear", List.of(ParamSpec.required("in", "int"), ParamSpec.required("out", "int"),
                    ParamSpec.optional("bias", "bool", TRUE))),
            Map.entry("LayerNorm", List.of(ParamSpec.required("dim", "int"),
                    ParamSpec.optional("eps", "float", new Value.Float(1e-5)),
                    ParamSpec.optional("affine", "bool", TRUE))),
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
            Map.entry("LeakyReLU", List.of(ParamSpec.optional("slope", "float", new Value.Float(0.01))))));

    private Primitives() {
    }

    private static Map<String, List<ParamSpec>> withParameterFree(Map<String, List<ParamSpec>> layers) {
        Map<String, List<ParamSpec>> all = new java.util.HashMap<>(layers);
        all.putAll(ParameterFreeLayers.SIGNATURES);
        return Map.copyOf(all);
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
        if (ParameterFreeLayers.has(layer.typeName())) {
            ParameterFreeLayers.build(layer, at, layer.argOrigins());
            return;
        }
        switch (layer.typeName()) {
            case "Conv3d" -> {
                long in = integer(a, "in", at);
                long out = integer(a, "out", at);
                positive(layer, at, "in", "out", "groups");
                long[] k = triple(a, "kernel");
                positiveAll(layer, k, "kernel", at);
                positiveAll(layer, triple(a, "stride"), "stride", at);
                positiveAll(layer, triple(a, "dilation"), "dilation", at);
                notNegative(layer, "padding", at);
                long groups = integer(a, "groups", at);
                ConvGroups.check(layer, in, out, groups, origin(layer, "groups", at));
                weight(layer, at, out, in / groups, k[0], k[1], k[2]);
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
                long[] s = triple(a, "stride");
                positiveAll(layer, s, "stride", at);
                long[] d = triple(a, "dilation");
                positiveAll(layer, d, "dilation", at);
                notNegative(layer, "padding", at);
                notNegative(layer, "output_padding", at);
                long[] op = triple(a, "output_padding");
                for (int i = 0; i < 3; i++) {
                    if (op[i] >= s[i] && op[i] >= d[i]) {
                        throw new ArchError(origin(layer, "output_padding", at), "ConvTranspose3d parameter"
                                + " 'output_padding' must be smaller than either stride or dilation, got "
                                + Arrays.toString(op) + " with stride " + Arrays.toString(s) + " and dilation "
                                + Arrays.toString(d) + " (spatial axis " + i + ")");
                    }
                }
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
                if (bool(a, "affine")) {
                    param(layer, "weight", at, integer(a, "dim", at));
                    param(layer, "bias", at, integer(a, "dim", at));
                }
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
        if (ParameterFreeLayers.has(type)) {
            return ParameterFreeLayers.forward(layer, x, at);
        }
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
                long[] p = triple(a, "padding");
                long[] d = triple(a, "dilation");
                long[] op = transposed ? triple(a, "output_padding") : new long[3];
                long groups = transposed ? 1 : integer(a, "groups", at);
                long[] dims = {x.dim(0), out, 0, 0, 0};
                long spatial = 1;
                long inSpatial = 1;
                for (int i = 0; i < 3; i++) {
                    long size = x.dim(2 + i);
                    long o = outputSize(type, size, new long[] {k[i], s[i], p[i], d[i], op[i]}, transposed, at, i);
                    if (o <= 0) {
                        throw new ArchError(at, type + " kernel " + k[i] + (d[i] > 1 ? " dilated by " + d[i] : "")
                                + " does not fit input size " + size + " on spatial axis " + i
                                + (p[i] > 0 ? " with padding " + p[i] : "")).withNoteOnShape(x);
                    }
                    dims[2 + i] = o;
                    spatial = Checked.product(at, type + "'s output size", spatial, o);
                    inSpatial = Checked.product(at, type + "'s input size", inSpatial, size);
                }
                Checked.addFlops(layer, at, Checked.product(at, "the FLOPs of " + type + " on " + x, in / groups, out,
                        k[0], k[1], k[2], transposed ? inSpatial : spatial));
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
                Checked.addFlops(layer, at, Checked.product(at, "the FLOPs of LayerNorm on " + x,
                        bool(a, "affine") ? 5 : 4, Checked.numel(at, x)));
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

    /**
     * One spatial output size of a convolution, as PyTorch's formula, in checked arithmetic (a huge patch or padding
     * is an error). {@code g} holds kernel, stride, padding, dilation and output padding on this axis.
     */
    private static long outputSize(String type, long size, long[] g, boolean transposed, Span at, int axis) {
        String what = type + "'s output size on spatial axis " + axis;
        long k = g[0];
        long s = g[1];
        long p = g[2];
        long reach = Checked.sum(at, what, Checked.product(at, what, g[3], k - 1), 1);
        long twoP = Checked.product(at, what, 2, p);
        if (transposed) {
            long grown = Checked.sum(at, what, Checked.product(at, what, size - 1, s), reach);
            return Checked.sum(at, what, Checked.sum(at, what, grown, -twoP), g[4]);
        }
        long room = Checked.sum(at, what, Checked.sum(at, what, size, twoP), -reach);
        return room < 0 ? 0 : room / s + 1;
    }

    private static void notNegative(Instance layer, String name, Span at) {
        long[] values = triple(layer.args(), name);
        for (long v : values) {
            if (v < 0) {
                throw new ArchError(origin(layer, name, at), layer.typeName() + " parameter '" + name
                        + "' must not be negative, got " + Arrays.toString(values));
            }
        }
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
