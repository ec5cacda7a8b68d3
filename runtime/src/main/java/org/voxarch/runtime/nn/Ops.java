package org.voxarch.runtime.nn;

import java.util.function.Function;

import org.bytedeco.pytorch.NormalizeFuncOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Tensor operations in one uniform static form, for generated {@code forward} code. Each is a thin call of the
 * libtorch op of the same meaning; none modifies its arguments. Scalar arguments follow PyTorch's rules: a Java
 * double combined with a float32 tensor gives float32.
 */
public final class Ops {
    private static final double NORMALIZE_P = 2.0;
    private static final double NORMALIZE_EPS = 1e-12;
    private static final Function<Tensor, Long> NO_FLOPS = y -> 0L;

    private Ops() {
    }

    // ---- layout -------------------------------------------------------------------------------------------

    /**
     * Flattens the spatial axes into tokens: {@code [B, C, Z, Y, X] -> [B, Z·Y·X, C]}; token {@code (z·Y + y)·X + x}
     * holds voxel (z, y, x). The result is a view when possible.
     */
    public static Tensor toTokens(Tensor x) {
        if (x.dim() != 5) {
            throw new IllegalArgumentException("toTokens expects [B, C, Z, Y, X], got " + x.dim() + " axes");
        }
        return x.reshape(x.size(0), x.size(1), -1).permute(0, 2, 1);
    }

    /**
     * Inverse of {@link #toTokens}: {@code [B, N, C] -> [B, C, Z, Y, X]} with Z, Y, X taken from {@code like}
     * (a {@code [*, *, Z, Y, X]} tensor); N must equal Z·Y·X.
     */
    public static Tensor toGrid(Tensor tokens, Tensor like) {
        if (tokens.dim() != 3 || like.dim() != 5) {
            throw new IllegalArgumentException("toGrid expects tokens [B, N, C] and a [B, C, Z, Y, X] template, got "
                    + tokens.dim() + " and " + like.dim() + " axes");
        }
        long z = like.size(2);
        long y = like.size(3);
        long x = like.size(4);
        if (tokens.size(1) != z * y * x) {
            throw new IllegalArgumentException("toGrid: " + tokens.size(1) + " tokens do not fill a " + z + "×" + y
                    + "×" + x + " grid");
        }
        return tokens.reshape(tokens.size(0), z, y, x, tokens.size(2)).permute(0, 4, 1, 2, 3);
    }

    /** {@code x.reshape(shape)}; one entry may be -1. */
    public static Tensor reshape(Tensor x, long... shape) {
        return Profiler.op("reshape", () -> x.reshape(shape), NO_FLOPS);
    }

    /** {@code x.permute(dims)}, a view. */
    public static Tensor permute(Tensor x, long... dims) {
        return x.permute(dims);
    }

    /** {@code x.transpose(a, b)}, a view; negative axes count from the end. */
    public static Tensor transpose(Tensor x, long a, long b) {
        return x.transpose(a, b);
    }

    /** {@code torch.flatten(x, start)}: axes {@code start..} merged into one. */
    public static Tensor flatten(Tensor x, long start) {
        return torch.flatten(x, start, -1);
    }

    /** Concatenation along {@code dim}. */
    public static Tensor cat(long dim, Tensor... parts) {
        return Profiler.op("cat", () -> torch.cat(new TensorVector(parts), dim), NO_FLOPS);
    }

    /** The slices of {@code x} along {@code dim}, each without that axis. */
    public static Tensor[] unbind(Tensor x, long dim) {
        TensorVector slices = torch.unbind(x, dim);
        Tensor[] out = new Tensor[(int) slices.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Tensor(slices.get(i)); // get() is a reference into the vector: own a handle instead
        }
        return out;
    }

    /** @return the shape of {@code t} as a new array ({@code []} for a scalar) */
    public static long[] shape(Tensor t) {
        long[] shape = new long[(int) t.dim()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.size(i);
        }
        return shape;
    }

    // ---- linear algebra and normalisation ------------------------------------------------------------------

    /** Batched matrix product, {@code torch.matmul}. */
    public static Tensor matmul(Tensor a, Tensor b) {
        return Profiler.op("matmul", () -> torch.matmul(a, b), y -> y.numel() * a.size(-1));
    }

    /** Softmax along {@code dim}. */
    public static Tensor softmax(Tensor x, long dim) {
        return Profiler.op("softmax", () -> torch.softmax(x, dim), NO_FLOPS);
    }

    /** L2 normalisation along {@code dim} like {@code F.normalize}: {@code x / max(‖x‖₂, 1e-12)}. */
    public static Tensor normalize(Tensor x, long dim) {
        NormalizeFuncOptions options = new NormalizeFuncOptions();
        options.p().put(NORMALIZE_P);
        options.dim().put(dim);
        options.eps().put(NORMALIZE_EPS);
        return Profiler.op("normalize", () -> torch.normalize(x, options), NO_FLOPS);
    }

    // ---- activations ---------------------------------------------------------------------------------------

    /** Leaky ReLU with PyTorch's default slope 0.01, what a spec's {@code leaky_relu(x)} means. */
    public static Tensor leakyRelu(Tensor x) {
        return leakyRelu(x, 0.01);
    }

    /** {@code x} where positive, {@code slope·x} elsewhere. */
    public static Tensor leakyRelu(Tensor x, double slope) {
        return torch.leaky_relu(x, new Scalar(slope));
    }

    /** {@code max(x, 0)}. */
    public static Tensor relu(Tensor x) {
        return torch.relu(x);
    }

    /** {@code 1 / (1 + e^-x)}. */
    public static Tensor sigmoid(Tensor x) {
        return torch.sigmoid(x);
    }

    /** GELU with the exact erf form (PyTorch's default, not the tanh approximation). */
    public static Tensor gelu(Tensor x) {
        return torch.gelu(x);
    }

    // ---- arithmetic (broadcasting) -------------------------------------------------------------------------

    /** {@code a + b}. */
    public static Tensor add(Tensor a, Tensor b) {
        return Profiler.op("add", () -> a.add(b), NO_FLOPS);
    }

    /** {@code a + s}. */
    public static Tensor add(Tensor a, double s) {
        return a.add(new Scalar(s));
    }

    /** {@code s + a}. */
    public static Tensor add(double s, Tensor a) {
        return a.add(new Scalar(s));
    }

    /** {@code a - b}. */
    public static Tensor sub(Tensor a, Tensor b) {
        return a.sub(b);
    }

    /** {@code a - s}. */
    public static Tensor sub(Tensor a, double s) {
        return a.sub(new Scalar(s));
    }

    /** {@code s - a}. */
    public static Tensor sub(double s, Tensor a) {
        return torch.rsub(a, new Scalar(s));
    }

    /** {@code a * b}. */
    public static Tensor mul(Tensor a, Tensor b) {
        return Profiler.op("mul", () -> a.mul(b), NO_FLOPS);
    }

    /** {@code a * s}. */
    public static Tensor mul(Tensor a, double s) {
        return a.mul(new Scalar(s));
    }

    /** {@code s * a}. */
    public static Tensor mul(double s, Tensor a) {
        return a.mul(new Scalar(s));
    }

    /** {@code a / b}. */
    public static Tensor div(Tensor a, Tensor b) {
        return a.div(b);
    }

    /** {@code a / s}. */
    public static Tensor div(Tensor a, double s) {
        return a.div(new Scalar(s));
    }

    /** {@code s / a}, rounded once (not {@code s · (1/a)}). */
    public static Tensor div(double s, Tensor a) {
        return torch.div(torch.scalar_tensor(new Scalar(s), a.options()), a);
    }

    /** A 0-dimensional float32 tensor holding {@code value}. */
    public static Tensor scalar(double value) {
        return torch.scalar_tensor(new Scalar(value));
    }

    /** {@code -x}. */
    public static Tensor neg(Tensor x) {
        return x.neg();
    }
}
