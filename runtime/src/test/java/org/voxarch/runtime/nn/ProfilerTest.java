package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class ProfilerTest {
    @Test
    void recordsEachPrimitiveByPathWithShapeAndFlops() {
        Sequential net = new Sequential(new Conv3d(2, 4, new long[] {3, 3, 3}, new long[] {1, 1, 1},
                new long[] {1, 1, 1}, true), new LeakyReLU(0.01), new Linear(6, 5, true));
        Tensor x = randn(1, 2, 3, 4, 6);
        Profiler.start(net);
        NoGrad.run(() -> {
            net.forward(x);
            net.forward(x);
            Ops.matmul(randn(3, 7), randn(7, 2));
        });
        List<Profiler.Row> rows = Profiler.stop();
        Map<String, Profiler.Row> bySite = rows.stream().collect(Collectors.toMap(Profiler.Row::site,
                Function.identity()));

        Profiler.Row conv = bySite.get("0");
        assertEquals("Conv3d", conv.kind());
        assertEquals(2, conv.calls());
        assertArrayEquals(new long[] {1, 4, 3, 4, 6}, conv.shape());
        assertEquals(2L * (4 * 3 * 4 * 6) * (2 * 27), conv.flops(), "output voxels × in × kernel, per call");
        assertEquals(2L * (4 * 3 * 4 * 5) * 6, bySite.get("2").flops());
        assertEquals("LeakyReLU", bySite.get("1").kind());
        assertEquals(0, bySite.get("1").flops());
        Profiler.Row matmul = rows.stream().filter(r -> r.kind().equals("matmul")).findFirst().orElseThrow();
        assertTrue(matmul.site().startsWith("Ops.matmul @ ProfilerTest:"), matmul.site());
        assertEquals(3L * 2 * 7, matmul.flops());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).seconds() >= rows.get(i).seconds(), "slowest first");
        }
    }
}
