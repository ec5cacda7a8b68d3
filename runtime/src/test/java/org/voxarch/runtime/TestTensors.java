package org.voxarch.runtime;

import static org.bytedeco.pytorch.global.torch.empty;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;

import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Moving tensor values to and from Java arrays in tests. */
public final class TestTensors {
    private TestTensors() {
    }

    /** @return the elements of {@code t} in row-major order, converted to float */
    public static float[] floats(Tensor t) {
        Tensor c = t.detach().cpu().to(ScalarType.Float).contiguous();
        float[] values = new float[(int) c.numel()];
        ((FloatBuffer) c.createBuffer()).get(values);
        return values;
    }

    /** @return the elements of {@code t} in row-major order, converted to long */
    public static long[] longs(Tensor t) {
        Tensor c = t.detach().cpu().to(ScalarType.Long).contiguous();
        long[] values = new long[(int) c.numel()];
        ((LongBuffer) c.createBuffer()).get(values);
        return values;
    }

    /** @return a float32 tensor holding {@code values} with the given shape */
    public static Tensor tensor(float[] values, long... shape) {
        Tensor t = empty(shape, new TensorOptions(ScalarType.Float), new MemoryFormatOptional());
        ((FloatBuffer) t.createBuffer()).put(values);
        return t;
    }

    /** @return max |a − b| over all elements (shapes must match in size) */
    public static double maxAbsDiff(Tensor a, Tensor b) {
        float[] x = floats(a);
        float[] y = floats(b);
        if (x.length != y.length) {
            throw new AssertionError("sizes differ: " + x.length + " vs " + y.length);
        }
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs((double) x[i] - y[i]));
        }
        return max;
    }

    /** @return max |a| over all elements */
    public static double maxAbs(Tensor a) {
        double max = 0;
        for (float v : floats(a)) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
