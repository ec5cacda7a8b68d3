package org.voxarch.tests;

import static org.bytedeco.pytorch.global.torch.ones;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.runtime.nn.NoGrad;
import org.voxarch.runtime.nn.SegmentationNetwork;

/** Generated networks through the runtime's contract: parameters by spec name, build, outputs, info. */
class NetworkContractTest {
    private static final String SPEC = """
            enum Act { plain, doubled }

            network Net(c: int = 2, scale: float = 1.0, act: Act = plain, sizes: [int] = [4, 4, 4]) {
              input x: [B, c, *sizes]
              conv = Conv3d(c, 2 * c, 1)
              forward(x) {
                y = conv(x) * scale
                if act == doubled {
                  y = y + y
                }
                return y, x
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void parametersByNameBuildTheNetworkTheyDescribe() {
        SegmentationNetwork.Parameters parameters = defaults()
                .with("c", 3L).with("scale", 2L).with("act", "doubled").with("sizes", new long[] {2, 2, 2});
        SegmentationNetwork net = parameters.build();
        assertSame(net, net.module());
        assertEquals("Net", net.info().name());
        try (PointerScope scope = new PointerScope()) {
            net.module().eval();
            long[][] shapes = NoGrad.get(() -> {
                var out = net.outputs(ones(1, 3, 2, 2, 2));
                return new long[][] {out[0].sizes().vec().get(), out[1].sizes().vec().get()};
            });
            assertArrayEquals(new long[] {1, 6, 2, 2, 2}, shapes[0]);
            assertArrayEquals(new long[] {1, 3, 2, 2, 2}, shapes[1]);
        }
    }

    @Test
    void unknownNamesWrongTypesAndInputCountsAreErrors() {
        SegmentationNetwork.Parameters parameters = defaults();
        assertEquals("Net has no parameter 'width'",
                assertThrows(IllegalArgumentException.class, () -> parameters.with("width", 3L)).getMessage());
        assertEquals("parameter 'c' of Net cannot be 1.5",
                assertThrows(IllegalArgumentException.class, () -> parameters.with("c", 1.5)).getMessage());
        SegmentationNetwork net = parameters.build();
        try (PointerScope scope = new PointerScope()) {
            assertEquals("Net takes 1 input(s), got 2", assertThrows(IllegalArgumentException.class,
                    () -> net.outputs(ones(1, 2, 4, 4, 4), ones(1))).getMessage());
        }
    }

    /** The generated record's defaults (the one reflective step the command line also takes). */
    private SegmentationNetwork.Parameters defaults() {
        return parametersOf((SegmentationNetwork) GeneratedSpecs.build(dir, SPEC, "Net").module());
    }

    private static SegmentationNetwork.Parameters parametersOf(SegmentationNetwork network) {
        try {
            return (SegmentationNetwork.Parameters) Class.forName(network.getClass().getName() + "$Parameters", true,
                    network.getClass().getClassLoader()).getMethod("defaults").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
