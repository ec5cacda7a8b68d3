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
    // ---- added for networks beyond UNETR++ (activations, resampling, padding, masks, indices) ---------------

    /** The values of {@code GELU(approximate)}, as PyTorch's. */
    public static final java.util.List<String> GELU_APPROXIMATIONS = java.util.List.of("none", "tanh");
    /** The values of {@code interpolate}'s mode. */
    public static final java.util.List<String> INTERPOLATION_MODES = java.util.List.of("nearest", "trilinear");
    /** The values of {@code pad}'s mode. */
    public static final java.util.List<String> PAD_MODES = java.util.List.of("constant", "reflect", "replicate");

    /** @throws IllegalArgumentException when {@code value} is not one of {@code choices} */
    public static String checkChoice(String what, String value, java.util.List<String> choices) {
        if (!choices.contains(value)) {
            throw new IllegalArgumentException(what + " must be one of " + choices + ", got '" + value + "'");
        }
        return value;
    }

    /** {@code x · sigmoid(x)}. */
    public static Tensor silu(Tensor x) {
        return torch.silu(x);
    }

    /** Hyperbolic tangent. */
    public static Tensor tanh(Tensor x) {
        return torch.tanh(x);
    }

    /** {@code x} where positive, {@code alpha·(e^x - 1)} elsewhere. */
    public static Tensor elu(Tensor x, double alpha) {
        return torch.elu(x, new Scalar(alpha), new Scalar(1.0), new Scalar(1.0));
    }

    /** GELU, exact ({@code "none"}) or with the tanh approximation ({@code "tanh"}). */
    public static Tensor gelu(Tensor x, String approximate) {
        return torch.gelu(x, checkChoice("gelu approximate", approximate, GELU_APPROXIMATIONS));
    }

    /** {@code F.interpolate(x, size=size, mode=mode, align_corners=...)} of a {@code [B, C, Z, Y, X]} tensor. */
    public static Tensor interpolate(Tensor x, long[] size, String mode, boolean alignCorners) {
        return resample(x, size, null, mode, alignCorners);
    }

    /**
     * {@code F.interpolate(x, scale_factor=scale, ...)}: output sizes {@code floor(size·scale)}, and the scale (not
     * the size ratio) maps output to input coordinates, as PyTorch does without {@code recompute_scale_factor}.
     */
    public static Tensor interpolate(Tensor x, double scale, String mode, boolean alignCorners) {
        long[] size = new long[3];
        for (int i = 0; i < 3; i++) {
            size[i] = (long) Math.floor(x.size(2 + i) * scale);
        }
        return resample(x, size, scale, mode, alignCorners);
    }

    private static Tensor resample(Tensor x, long[] size, Double scale, String mode, boolean alignCorners) {
        if (x.dim() != 5 || size.length != 3) {
            throw new IllegalArgumentException("interpolate expects [B, C, Z, Y, X] and 3 sizes, got " + x.dim()
                    + " axes and " + size.length + " sizes");
        }
        checkChoice("interpolate mode", mode, INTERPOLATION_MODES);
        org.bytedeco.pytorch.DoubleOptional s = scale == null ? new org.bytedeco.pytorch.DoubleOptional()
                : new org.bytedeco.pytorch.DoubleOptional(scale);
        if (mode.equals("nearest")) {
            if (alignCorners) {
                throw new IllegalArgumentException("align_corners is only for trilinear interpolation");
            }
            return Profiler.op("interpolate", () -> torch.upsample_nearest3d(x, size, s, s, s), NO_FLOPS);
        }
        return Profiler.op("interpolate", () -> torch.upsample_trilinear3d(x, size, alignCorners, s, s, s),
                NO_FLOPS);
    }

    /**
     * {@code F.pad(x, pads, mode, value)}: pads come in PyTorch's order, last axis first ({@code [x_lo, x_hi, y_lo,
     * y_hi, ...]}); {@code value} fills in constant mode.
     */
    public static Tensor pad(Tensor x, long[] pads, String mode, double value) {
        checkChoice("pad mode", mode, PAD_MODES);
        org.bytedeco.pytorch.DoubleOptional fill = mode.equals("constant")
                ? new org.bytedeco.pytorch.DoubleOptional(value) : new org.bytedeco.pytorch.DoubleOptional();
        return Profiler.op("pad", () -> torch.pad(x, pads, mode, fill), NO_FLOPS);
    }

    /** {@code torch.roll(x, shifts, dims)}: elements shifted cyclically along each axis. */
    public static Tensor roll(Tensor x, long[] shifts, long[] dims) {
        return torch.roll(x, shifts, dims);
    }

    /** {@code torch.where(cond, a, b)} of a bool condition, broadcasting. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return torch.where(cond, a, b);
    }

    /** {@code torch.where(cond, a, b)} with a number for b. */
    public static Tensor where(Tensor cond, Tensor a, double b) {
        return torch.where(cond, a, new Scalar(b));
    }

    /** {@code torch.where(cond, a, b)} with a number for a. */
    public static Tensor where(Tensor cond, double a, Tensor b) {
        return torch.where(cond, new Scalar(a), b);
    }

    /** {@code torch.where(cond, a, b)} with numbers: a float32 tensor of the condition's shape. */
    public static Tensor where(Tensor cond, double a, double b) {
        return torch.where(cond, new Scalar(a), torch.full(shape(cond), new Scalar(b)));
    }

    /** {@code x.masked_fill(mask, value)}: {@code value} where the bool mask is true. */
    public static Tensor maskedFill(Tensor x, Tensor mask, double value) {
        return x.masked_fill(mask, new Scalar(value));
    }

    /** {@code a == b} element-wise, a bool tensor. */
    public static Tensor eq(Tensor a, Tensor b) {
        return a.eq(b);
    }

    public static Tensor eq(Tensor a, double b) {
        return a.eq(new Scalar(b));
    }

    public static Tensor eq(double a, Tensor b) {
        return b.eq(new Scalar(a));
    }

    /** {@code a != b} element-wise, a bool tensor. */
    public static Tensor ne(Tensor a, Tensor b) {
        return a.ne(b);
    }

    public static Tensor ne(Tensor a, double b) {
        return a.ne(new Scalar(b));
    }

    public static Tensor ne(double a, Tensor b) {
        return b.ne(new Scalar(a));
    }

    /** {@code a < b} element-wise, a bool tensor. */
    public static Tensor lt(Tensor a, Tensor b) {
        return a.lt(b);
    }

    public static Tensor lt(Tensor a, double b) {
        return a.lt(new Scalar(b));
    }

    public static Tensor lt(double a, Tensor b) {
        return b.gt(new Scalar(a));
    }

    /** {@code a <= b} element-wise, a bool tensor. */
    public static Tensor le(Tensor a, Tensor b) {
        return a.le(b);
    }

    public static Tensor le(Tensor a, double b) {
        return a.le(new Scalar(b));
    }

    public static Tensor le(double a, Tensor b) {
        return b.ge(new Scalar(a));
    }

    /** {@code a > b} element-wise, a bool tensor. */
    public static Tensor gt(Tensor a, Tensor b) {
        return a.gt(b);
    }

    public static Tensor gt(Tensor a, double b) {
        return a.gt(new Scalar(b));
    }

    public static Tensor gt(double a, Tensor b) {
        return b.lt(new Scalar(a));
    }

    /** {@code a >= b} element-wise, a bool tensor. */
    public static Tensor ge(Tensor a, Tensor b) {
        return a.ge(b);
    }

    public static Tensor ge(Tensor a, double b) {
        return a.ge(new Scalar(b));
    }

    public static Tensor ge(double a, Tensor b) {
        return b.le(new Scalar(a));
    }

    /** {@code torch.arange(n)}: 0, 1, ..., n-1 as int64. */
    public static Tensor arange(long n) {
        return arange(0, n, 1);
    }

    /** {@code torch.arange(start, end, step)} as int64; an empty range is refused, as the compiler refuses it. */
    public static Tensor arange(long start, long end, long step) {
        if (step == 0) {
            throw new IllegalArgumentException("arange step must not be 0");
        }
        if (step > 0 ? start >= end : start <= end) {
            throw new IllegalArgumentException("arange(" + start + ", " + end + ", " + step + ") is empty");
        }
        return torch.arange(new Scalar(start), new Scalar(end), new Scalar(step),
                new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Long));
    }

    /** {@code torch.index_select(x, dim, index)}: the slices of {@code x} at a 1-D int64 index along {@code dim}. */
    public static Tensor indexSelect(Tensor x, long dim, Tensor index) {
        return torch.index_select(x, dim, index);
    }

    /** {@code torch.take(x, index)}: elements of {@code x} read as a flat list, in the index's shape. */
    public static Tensor take(Tensor x, Tensor index) {
        return torch.take(x, index);
    }
}
