package org.voxarch.runtime.io;

import static org.bytedeco.pytorch.global.torch.empty;
import static org.bytedeco.pytorch.global.torch.zeros;

import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.voxarch.runtime.memory.NativeScope;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.NoGrad;
import org.voxarch.runtime.nn.Ops;

/**
 * The weights and inputs of the parity fixtures, defined by a formula of the tensor's name and element index (see
 * {@code shared/fixtures/README.md}), so that no weight file is needed to compare with the reference.
 *
 * <p>Element j of a tensor named {@code key} is {@code (float) (center + spread·(2u − 1))} with u = fmix32(FNV-1a(key)
 * + j·0x9E3779B9) / 2³², computed in double and rounded once. Center and spread depend on the key's last component
 * and the shape.
 */
public final class DeterministicWeights {
    private static final int FNV_OFFSET_BASIS = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;
    private static final int GOLDEN_GAMMA = 0x9E3779B9;
    private static final double TWO_POW_32 = 4294967296.0;
    private static final String COUNTER_LEAF = "num_batches_tracked";

    private DeterministicWeights() {
    }

    /** Center and spread of one tensor's values. */
    private record Range(double center, double spread) {
    }

    /**
     * @return the formula tensor for a state-dict key: float32, or int64 zeros for {@code num_batches_tracked}
     * @throws IllegalArgumentException for a scalar (rank-0) key other than {@code num_batches_tracked}, for which
     *     the formula defines no rule
     */
    public static Tensor generate(String key, long[] shape) {
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        if (leaf.equals(COUNTER_LEAF)) {
            return zeros(shape, new TensorOptions(ScalarType.Long));
        }
        return values(key, shape, rangeOf(key, leaf, shape));
    }

    /** @return the formula tensor for a network input (center 0, spread 1), float32 */
    public static Tensor input(String key, long[] shape) {
        return values(key, shape, new Range(0.0, 1.0));
    }

    /**
     * Overwrites every parameter and buffer of {@code root} with the formula values of its state-dict key. Keys
     * that alias an earlier key share its tensor and so carry the values generated from the earlier key.
     */
    public static void fill(ArchModule root) {
        for (StateEntry e : StateDict.entries(root)) {
            if (e.aliasOf() != null) {
                continue;
            }
            // One scope per tensor frees the temporary values as soon as they are copied.
            NativeScope.run(() -> {
                Tensor values = generate(e.key(), Ops.shape(e.tensor()));
                NoGrad.run(() -> e.tensor().copy_(values));
            });
        }
    }

    private static Range rangeOf(String key, String leaf, long[] shape) {
        switch (leaf) {
            case "running_var":
                return new Range(1.0, 0.5);
            case "running_mean":
                return new Range(0.0, 0.1);
            case "gamma", "temperature", "temperature2":
                return new Range(1.0, 0.5);
            case "pos_embed":
                return new Range(0.0, 0.2);
            default:
                break;
        }
        if (shape.length >= 2) {
            long numel = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            // BraTS' EF is [N, P] and is used along P, so its fan-in is its first axis.
            long fanIn = leaf.equals("EF") ? shape[0] : numel / shape[0];
            return new Range(0.0, Math.sqrt(3.0 / fanIn));
        }
        if (shape.length == 1) {
            return leaf.equals("weight") ? new Range(1.0, 0.2) : new Range(0.0, 0.1);
        }
        throw new IllegalArgumentException("the fixture formula has no rule for the scalar tensor " + key);
    }

    private static Tensor values(String key, long[] shape, Range range) {
        long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " has " + n + " elements, more than one Java array holds");
        }
        float[] data = new float[(int) n];
        int seed = fnv1a32(key);
        for (int j = 0; j < data.length; j++) {
            double u = Integer.toUnsignedLong(fmix32(seed + j * GOLDEN_GAMMA)) / TWO_POW_32;
            data[j] = (float) (range.center() + range.spread() * (2.0 * u - 1.0));
        }
        Tensor t = empty(shape, new TensorOptions(ScalarType.Float), new MemoryFormatOptional());
        if (n > 0) {
            ((FloatBuffer) t.createBuffer()).put(data);
        }
        return t;
    }

    /** 32-bit FNV-1a of the UTF-8 bytes; int arithmetic wraps modulo 2³² as the formula requires. */
    private static int fnv1a32(String key) {
        int h = FNV_OFFSET_BASIS;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        return h;
    }

    /** MurmurHash3's 32-bit finaliser. */
    private static int fmix32(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
