package org.voxarch.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.SharedFixtures;
import org.voxarch.runtime.TestTensors;
import org.voxarch.runtime.io.DeterministicWeights;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.TensorFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Synapse stem (spec §1.3: Conv3d 1→32 with kernel = stride = [2, 4, 4], then GroupNorm(1, 32)) against the
 * reference's sampled activation {@code act.unetr_pp_encoder.downsample_layers.0.sample}: covers an anisotropic
 * strided convolution and GroupNorm at full network scale.
 */
class StemParityTest {
    private static final String PREFIX = "unetr_pp_encoder.downsample_layers.0.";
    private static final String ACTIVATION = "act.unetr_pp_encoder.downsample_layers.0";

    @Test
    void synapseStemMatchesTheReferenceSamples() throws Exception {
        TensorFile fixture = Safetensors.read(SharedFixtures.file("synapse.safetensors"));
        JsonNode stats = new ObjectMapper().readTree(fixture.requireMetadata("stats")).get(ACTIVATION);
        long[] inputShape = new ObjectMapper().readValue(fixture.requireMetadata("input_shape"), long[].class);
        int step = stats.get("step").asInt();

        long[] patch = {2, 4, 4};
        Sequential stem = new Sequential(
                new MonaiConvolution(new Conv3d(1, 32, patch, patch, new long[] {0, 0, 0}, false)),
                new GroupNorm(1, 32, 1e-5));
        PointerScope scope = new PointerScope();
        try {
            Map<String, Tensor> local = StateDict.toMap(stem);
            Map<String, Tensor> weights = new LinkedHashMap<>();
            local.forEach((key, t) -> weights.put(key, DeterministicWeights.generate(PREFIX + key,
                    Ops.shape(t))));
            StateDict.load(stem, weights);
            stem.eval();

            Tensor out = NoGrad.get(() -> stem.forward(DeterministicWeights.input("input", inputShape)));
            long[] expectedShape = new ObjectMapper().convertValue(stats.get("shape"), long[].class);
            assertArrayEquals(expectedShape, Ops.shape(out));

            float[] all = TestTensors.floats(out);
            float[] ref = TestTensors.floats(fixture.require(ACTIVATION + ".sample"));
            double maxRef = 0;
            double maxDiff = 0;
            for (int i = 0; i < ref.length; i++) {
                maxRef = Math.max(maxRef, Math.abs(ref[i]));
                maxDiff = Math.max(maxDiff, Math.abs((double) all[i * step] - ref[i]));
            }
            assertEquals((all.length + step - 1) / step, ref.length);
            assertTrue(maxDiff <= 1e-4 * maxRef, "max |ours - ref| = " + maxDiff + " vs max |ref| " + maxRef);

            double sqSum = 0;
            for (float v : all) {
                sqSum += (double) v * v;
            }
            double refSqSum = stats.get("sq_sum").asDouble();
            assertEquals(refSqSum, sqSum, 1e-4 * refSqSum, "sum of squares over the full activation");
        } finally {
            scope.close();
        }
    }
}
