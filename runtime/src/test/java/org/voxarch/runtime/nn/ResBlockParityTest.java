package org.voxarch.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.voxarch.runtime.SharedFixtures;
import org.voxarch.runtime.TestTensors;
import org.voxarch.runtime.io.DeterministicWeights;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.StateEntry;
import org.voxarch.runtime.io.TensorFile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The reference's UnetResBlock (MONAI {@code dynunet_block}, spec §1.6), built by hand from the primitives, against
 * the reference's output for the formula weights and input.
 */
class ResBlockParityTest {

    /** conv1 → norm1 → lrelu → conv2 → norm2, plus the (projected) input, then lrelu. */
    static final class UnetResBlock extends Layer {
        private final MonaiConvolution conv1;
        private final MonaiConvolution conv2;
        private final LeakyReLU lrelu;
        private final Layer norm1;
        private final Layer norm2;
        private final MonaiConvolution conv3;
        private final Layer norm3;

        UnetResBlock(long in, long out, boolean batchNorm) {
            super("UnetResBlock");
            conv1 = registerChild("conv1", MonaiConvolution.cubic(in, out, 3, 1));
            conv2 = registerChild("conv2", MonaiConvolution.cubic(out, out, 3, 1));
            lrelu = registerChild("lrelu", new LeakyReLU(0.01));
            norm1 = registerChild("norm1", norm(out, batchNorm));
            norm2 = registerChild("norm2", norm(out, batchNorm));
            boolean project = in != out;
            conv3 = project ? registerChild("conv3", MonaiConvolution.cubic(in, out, 1, 1)) : null;
            norm3 = project ? registerChild("norm3", norm(out, batchNorm)) : null;
        }

        private static Layer norm(long channels, boolean batchNorm) {
            return batchNorm ? new BatchNorm3d(channels, 1e-5, 0.1) : new InstanceNorm3d(channels, false, 1e-5);
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor y = lrelu.forward(norm1.forward(conv1.forward(x)));
            y = norm2.forward(conv2.forward(y));
            Tensor residual = conv3 == null ? x : norm3.forward(conv3.forward(x));
            return lrelu.forward(Ops.add(y, residual));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"block_res_block_instance.safetensors, 3, 8, false", "block_res_block_batch.safetensors, 8, 8, true"})
    void matchesTheReference(String fixtureName, long in, long out, boolean batchNorm) throws Exception {
        TensorFile fixture = Safetensors.read(SharedFixtures.file(fixtureName));
        List<String> keyOrder = JSON.readValue(fixture.requireMetadata("key_order"), new TypeReference<List<String>>() {
        });
        Map<String, long[]> keyShapes = JSON.readValue(fixture.requireMetadata("key_shapes"),
                new TypeReference<Map<String, long[]>>() {
                });

        UnetResBlock block = new UnetResBlock(in, out, batchNorm);
        assertEquals(keyOrder, StateDict.entries(block).stream().map(StateEntry::key).collect(Collectors.toList()));
        Tensor input = fixture.require("input");
        Tensor expected = fixture.require("output");
        double tolerance = 1e-4 * TestTensors.maxAbs(expected);
        block.eval();

        PointerScope scope = new PointerScope();
        try {
            double untrained = TestTensors.maxAbsDiff(NoGrad.get(() -> block.forward(input)), expected);
            assertTrue(untrained > tolerance, "the comparison must be able to fail: default init is within tolerance");

            Map<String, Tensor> weights = new LinkedHashMap<>();
            keyOrder.forEach(key -> weights.put(key, DeterministicWeights.generate(key, keyShapes.get(key))));
            StateDict.load(block, weights);
            Tensor ours = NoGrad.get(() -> block.forward(input));
            double diff = TestTensors.maxAbsDiff(ours, expected);
            assertTrue(diff <= tolerance, fixtureName + ": max |ours - ref| = " + diff + " > " + tolerance);
        } finally {
            scope.close();
        }
    }
}
