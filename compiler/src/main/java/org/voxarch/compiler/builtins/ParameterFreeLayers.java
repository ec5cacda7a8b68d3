package org.voxarch.compiler.builtins;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;

/**
 * The layers without parameters added for networks beyond UNETR++: {@code Identity}, activations,
 * {@code Softmax(dim)} and 3-D pooling. None counts FLOPs: fvcore has no handle for activations or 3-D pooling, so
 * it counts them as 0, and the project follows its convention.
 */
final class ParameterFreeLayers {
    private static final Value.Int ZERO = new Value.Int(0);

    /** Signatures in PyTorch's order; a pool's stride 0 stands for PyTorch's {@code stride=None} (the kernel). */
    static final Map<String, List<ParamSpec>> SIGNATURES = Map.of(
            "Identity", List.of(),
            "ReLU", List.of(),
            "SiLU", List.of(),
            "Sigmoid", List.of(),
            "Tanh", List.of(),
            "GELU", List.of(ParamSpec.optional("approximate", "string", new Value.Str("none"))),
            "ELU", List.of(ParamSpec.optional("alpha", "float", new Value.Float(1.0))),
            "Softmax", List.of(ParamSpec.required("dim", "int")),
            "MaxPool3d", pool(),
            "AvgPool3d", pool());

    private ParameterFreeLayers() {
    }

    private static List<ParamSpec> pool() {
        return List.of(ParamSpec.required("kernel", "int3"), ParamSpec.optional("stride", "int3", ZERO),
                ParamSpec.optional("padding", "int3", ZERO));
    }

    static boolean has(String type) {
        return SIGNATURES.containsKey(type);
    }

    /** Checks the arguments: nothing is created. */
    static void build(Instance layer, Span at, Map<String, Span> origins) {
        Map<String, Value> a = layer.args();
        switch (layer.typeName()) {
            case "GELU" -> Choices.check(a.get("approximate"), "GELU parameter 'approximate'",
                    Choices.GELU_APPROXIMATIONS, origins.getOrDefault("approximate", at));
            case "MaxPool3d", "AvgPool3d" -> {
                long[] k = Primitives.triple(a, "kernel");
                long[] s = Primitives.triple(a, "stride");
                long[] p = Primitives.triple(a, "padding");
                String type = layer.typeName();
                if (Arrays.stream(k).anyMatch(v -> v <= 0)) {
                    throw new ArchError(origins.getOrDefault("kernel", at), type + " parameter 'kernel' must be"
                            + " positive, got " + Arrays.toString(k));
                }
                if (Arrays.stream(s).anyMatch(v -> v < 0) || !allZero(s) && Arrays.stream(s).anyMatch(v -> v == 0)) {
                    throw new ArchError(origins.getOrDefault("stride", at), type + " parameter 'stride' must be"
                            + " positive (or left out for the kernel size), got " + Arrays.toString(s));
                }
                for (int i = 0; i < 3; i++) {
                    if (p[i] < 0 || 2 * p[i] > k[i]) {
                        throw new ArchError(origins.getOrDefault("padding", at), type + " parameter 'padding' must be"
                                + " between 0 and half the kernel " + Arrays.toString(k) + ", got "
                                + Arrays.toString(p));
                    }
                }
            }
            default -> {
                // Nothing to check beyond the parameters' types.
            }
        }
    }

    /** Output shape of one call. */
    static Shape forward(Instance layer, Shape x, Span at) {
        Map<String, Value> a = layer.args();
        String type = layer.typeName();
        switch (type) {
            case "Softmax" -> {
                long dim = Primitives.integer(a, "dim", at);
                if (x.axis(dim) < 0) {
                    throw new ArchError(at, "Softmax(dim = " + dim + ") is out of range for a rank-" + x.rank()
                            + " tensor " + x).withNoteOnShape(x);
                }
                return x;
            }
            case "MaxPool3d", "AvgPool3d" -> {
                if (x.rank() != 5) {
                    throw new ArchError(at, type + " expects a 5-D tensor [B, C, Z, Y, X] but got " + x);
                }
                long[] k = Primitives.triple(a, "kernel");
                long[] s = allZero(Primitives.triple(a, "stride")) ? k : Primitives.triple(a, "stride");
                long[] p = Primitives.triple(a, "padding");
                long[] dims = x.concrete();
                for (int i = 0; i < 3; i++) {
                    long padded = Checked.sum(at, type + "'s padded size", x.dim(2 + i), Checked.product(at,
                            type + "'s padding", 2, p[i]));
                    if (padded < k[i]) {
                        throw new ArchError(at, type + " kernel " + k[i] + " does not fit input size " + x.dim(2 + i)
                                + " on spatial axis " + i + (p[i] > 0 ? " padded by " + p[i] : ""))
                                .withNoteOnShape(x);
                    }
                    dims[2 + i] = (padded - k[i]) / s[i] + 1;
                }
                return new Shape(dims);
            }
            default -> {
                return x;
            }
        }
    }

    private static boolean allZero(long[] values) {
        return Arrays.stream(values).allMatch(v -> v == 0);
    }
}
