package it.tiny;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.NoGrad;

/** Builds the generated networks and runs them on an 8³ input. */
class ForwardTest {

    @Test
    void tinyNetRunsWithTheConfiguredOverride() {
        TinyNet net = new TinyNet();
        // <overrides><classes>2</classes></overrides> in the pom: two output channels instead of the spec's three.
        assertEquals("[B, 2, 8, 8, 8]", TinyNet.INFO.outputs());
        assertEquals(TinyNet.INFO.parameterCount(), parameterCount(net));
        assertArrayEquals(new long[] {2, 2, 8, 8, 8}, forwardShape(net, net::forward));
    }

    @Test
    void variantIsItsOwnClass() {
        TinyWide wide = new TinyWide();
        assertEquals("tiny_wide", TinyWide.INFO.name());
        assertEquals(TinyWide.INFO.parameterCount(), parameterCount(wide));
        assertTrue(TinyWide.INFO.parameterCount() > TinyNet.INFO.parameterCount());
        assertArrayEquals(new long[] {2, 2, 8, 8, 8}, forwardShape(wide, wide::forward));
    }

    private static long[] forwardShape(ArchModule net, java.util.function.Function<Tensor, Tensor> forward) {
        net.eval();
        try (PointerScope scope = new PointerScope()) {
            Tensor y = NoGrad.get(() -> forward.apply(torch.randn(2, 1, 8, 8, 8)));
            assertTrue(torch.isfinite(y).all().item_bool(), "finite output");
            return y.sizes().vec().get();
        }
    }

    private static long parameterCount(ArchModule net) {
        long n = 0;
        for (Tensor p : net.parameters().get()) {
            n += p.numel();
        }
        return n;
    }
}
