package org.voxarch.tests;

import static org.bytedeco.pytorch.global.torch.ones;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.nn.NoGrad;

/**
 * A constant two enums declare ({@code shared} of EfMode and QK) is settled by where it is used, in the generated
 * Java as in the compiler: the built module has the compiler's parameters for each variant.
 */
class SharedEnumConstantsTest {
    private static final String SPEC = """
            enum EfMode { shared, separate, matrix }
            enum QK { shared, separate }

            block Att(c: int, ef: EfMode = shared, qk: QK = separate) {
              if ef == shared and qk == QK.separate {
                a = Conv3d(c, c, 1)
              } else {
                a = Conv3d(c, c, 3, 1, 1)
              }
              forward(x) {
                return a(x)
              }
            }

            network Net(c: int = 4, ef: EfMode = EfMode.shared) {
              input x: [B, c, 4, 4, 4]
              m = Att(c, ef)
              n = Att(c, qk = shared)
              forward(x) {
                return n(m(x))
              }
            }

            variant qk_shared = Net() with { Att.qk = shared }
            variant ef_separate = Net(ef = separate)
            variant by_path = Net() with { m.qk = shared }
            grid g = ef_separate() over { c in [2, 4] } with { n.qk = separate }
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"Net", "qk_shared", "ef_separate", "by_path", "g_2"})
    void generatedNetworkHasTheCompilersParameters(String network) {
        GeneratedSpecs.Built built = GeneratedSpecs.build(dir, SPEC, network);
        assertEquals(built.model().parameterCount(), StateDict.parameterCount(built.module()), built.source());
        long c = network.equals("g_2") ? 2 : 4;
        try (PointerScope scope = new PointerScope()) {
            built.module().eval();
            long[] shape = NoGrad.get(() -> forward(built, ones(1, c, 4, 4, 4)).sizes().vec().get());
            assertArrayEquals(new long[] {1, c, 4, 4, 4}, shape);
        }
    }

    private static Tensor forward(GeneratedSpecs.Built built, Tensor x) {
        try {
            return (Tensor) built.module().getClass().getMethod("forward", Tensor.class).invoke(built.module(), x);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
