package org.voxarch.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.TestTensors;

/** The tensor functions added beyond UNETR++, against hand-computed values. */
class ResampleMaskAndIndexOpsTest {
    private PointerScope scope;

    @BeforeEach
    void open() {
        scope = new PointerScope();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private static Tensor row(float... values) {
        return TestTensors.tensor(values, 1, 1, 1, 1, values.length);
    }

    @Test
    void interpolateBySizeOrScale() {
        Tensor nearest = Ops.interpolate(row(1, 2), 2.0, "nearest", false);
        assertArrayEquals(new long[] {1, 1, 2, 2, 4}, Ops.shape(nearest));
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2}, TestTensors.floats(nearest));
        assertArrayEquals(new float[] {0, 2, 4},
                TestTensors.floats(Ops.interpolate(row(0, 4), new long[] {1, 1, 3}, "trilinear", true)));
        // half-pixel centres: source x = (i + 0.5) / 2 - 0.5, clamped at 0 and 1
        assertArrayEquals(new float[] {0, 1, 3, 4},
                TestTensors.floats(Ops.interpolate(row(0, 4), new long[] {1, 1, 4}, "trilinear", false)), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> Ops.interpolate(row(0, 4), 2.0, "cubic", false));
        assertThrows(IllegalArgumentException.class, () -> Ops.interpolate(row(0, 4), 2.0, "nearest", true));
    }

    @Test
    void padTakesTheLastAxisFirst() {
        assertArrayEquals(new float[] {9, 1, 2, 9, 9}, TestTensors.floats(Ops.pad(row(1, 2), new long[] {1, 2},
                "constant", 9)));
        long[] xOnly = {1, 1, 0, 0, 0, 0};
        assertArrayEquals(new float[] {2, 1, 2, 3, 2}, TestTensors.floats(Ops.pad(row(1, 2, 3), xOnly, "reflect",
                0)));
        assertArrayEquals(new float[] {1, 1, 2, 3, 3}, TestTensors.floats(Ops.pad(row(1, 2, 3), xOnly, "replicate",
                0)));
        Tensor z = Ops.pad(row(1), new long[] {0, 0, 0, 0, 1, 0}, "constant", 0);
        assertArrayEquals(new long[] {1, 1, 2, 1, 1}, Ops.shape(z));
    }

    @Test
    void rollShiftsCyclically() {
        Tensor x = TestTensors.tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {3, 1, 2, 6, 4, 5}, TestTensors.floats(Ops.roll(x, new long[] {1},
                new long[] {1})));
        assertArrayEquals(new float[] {5, 6, 4, 2, 3, 1}, TestTensors.floats(Ops.roll(x, new long[] {1, -1},
                new long[] {0, 1})));
    }

    @Test
    void comparisonsGiveBoolTensorsInEitherOperandOrder() {
        Tensor x = TestTensors.tensor(new float[] {1, 2, 3}, 3);
        Tensor y = TestTensors.tensor(new float[] {1, 0, 5}, 3);
        assertEquals(ScalarType.Bool, Ops.lt(x, 2).scalar_type().intern());
        assertArrayEquals(new long[] {1, 0, 0}, TestTensors.longs(Ops.lt(x, 2)));
        assertArrayEquals(new long[] {0, 0, 1}, TestTensors.longs(Ops.lt(2, x)));
        assertArrayEquals(new long[] {1, 1, 0}, TestTensors.longs(Ops.le(x, 2)));
        assertArrayEquals(new long[] {0, 1, 1}, TestTensors.longs(Ops.le(2, x)));
        assertArrayEquals(new long[] {0, 0, 1}, TestTensors.longs(Ops.gt(x, 2)));
        assertArrayEquals(new long[] {1, 0, 0}, TestTensors.longs(Ops.gt(2, x)));
        assertArrayEquals(new long[] {0, 1, 1}, TestTensors.longs(Ops.ge(x, 2)));
        assertArrayEquals(new long[] {1, 1, 0}, TestTensors.longs(Ops.ge(2, x)));
        assertArrayEquals(new long[] {1, 0, 0}, TestTensors.longs(Ops.eq(x, y)));
        assertArrayEquals(new long[] {0, 1, 0}, TestTensors.longs(Ops.eq(2, x)));
        assertArrayEquals(new long[] {0, 1, 1}, TestTensors.longs(Ops.ne(x, y)));
        assertArrayEquals(new long[] {1, 0, 1}, TestTensors.longs(Ops.ne(x, 2)));
    }

    @Test
    void whereAndMaskedFillChooseByABoolMask() {
        Tensor x = TestTensors.tensor(new float[] {1, 2, 3}, 3);
        Tensor mask = Ops.ne(x, 2);
        assertArrayEquals(new float[] {1, 9, 3}, TestTensors.floats(Ops.where(mask, x, 9)));
        assertArrayEquals(new float[] {9, 2, 9}, TestTensors.floats(Ops.where(mask, 9, x)));
        assertArrayEquals(new float[] {1, 2, 3}, TestTensors.floats(Ops.where(mask, x, x)));
        Tensor both = Ops.where(mask, 1, -100);
        assertEquals(ScalarType.Float, both.scalar_type().intern());
        assertArrayEquals(new float[] {1, -100, 1}, TestTensors.floats(both));
        assertArrayEquals(new float[] {-5, 2, -5}, TestTensors.floats(Ops.maskedFill(x, mask, -5)));
    }

    @Test
    void arangeAndGathersWorkOnInt64Indices() {
        Tensor three = Ops.arange(3);
        assertEquals(ScalarType.Long, three.scalar_type().intern());
        assertArrayEquals(new long[] {0, 1, 2}, TestTensors.longs(three));
        assertArrayEquals(new long[] {2, 5, 8}, TestTensors.longs(Ops.arange(2, 9, 3)));
        assertArrayEquals(new long[] {5, 3, 1}, TestTensors.longs(Ops.arange(5, 0, -2)));
        Tensor table = TestTensors.tensor(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Tensor picked = Ops.indexSelect(table, 0, Ops.arange(2, -1, -2)); // rows 2, 0
        assertArrayEquals(new float[] {5, 6, 1, 2}, TestTensors.floats(picked));
        assertArrayEquals(new float[] {1, 3, 5}, TestTensors.floats(Ops.indexSelect(table, 1,
                Ops.arange(1)).reshape(-1)));
        Tensor flat = Ops.take(table, Ops.arange(5, -1, -5).reshape(1, 2)); // elements 5, 0
        assertArrayEquals(new long[] {1, 2}, Ops.shape(flat));
        assertArrayEquals(new float[] {6, 1}, TestTensors.floats(flat));
    }
}
