package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.empty;

import org.bytedeco.pytorch.Tensor;

/**
 * New float32 tensors for raw parameters and buffers declared with {@code param(shape, init = ...)} in a spec.
 * The shape comes last so that generated code reads {@code Params.ones(heads, 1, 1)}.
 */
public final class Params {
    private Params() {
    }

    public static Tensor zeros(long... shape) {
        return filled(shape, t -> Init.zeros(t));
    }

    public static Tensor ones(long... shape) {
        return filled(shape, t -> Init.ones(t));
    }

    public static Tensor constant(double value, long... shape) {
        return filled(shape, t -> Init.constant(t, value));
    }

    public static Tensor uniform(double lo, double hi, long... shape) {
        return filled(shape, t -> Init.uniform(t, lo, hi));
    }

    public static Tensor normal(double mean, double std, long... shape) {
        return filled(shape, t -> Init.normal(t, mean, std));
    }

    public static Tensor truncNormal(double std, long... shape) {
        return filled(shape, t -> Init.truncNormal(t, std));
    }

    /** PyTorch's default for a weight: U(±1/√fan_in), with fan_in the product of all but the first axis. */
    public static Tensor defaultInit(long... shape) {
        long fanIn = 1;
        for (int i = 1; i < shape.length; i++) {
            fanIn *= shape[i];
        }
        long fan = Math.max(1, fanIn);
        return filled(shape, t -> Init.kaimingUniformDefault(t, fan));
    }

    private static Tensor filled(long[] shape, java.util.function.Consumer<Tensor> init) {
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("parameter shape " + java.util.Arrays.toString(shape)
                        + " must have positive sizes");
            }
        }
        Tensor t = empty(shape);
        init.accept(t);
        return t;
    }

    /** The values of {@code t} as an int64 tensor (an index buffer: {@code buffer(shape, init, dtype = "int64")}). */
    public static Tensor int64(Tensor t) {
        return t.to(org.bytedeco.pytorch.global.torch.ScalarType.Long);
    }
}
