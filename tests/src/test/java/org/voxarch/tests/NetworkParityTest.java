package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.voxarch.models.UnetrppAcdc;
import org.voxarch.models.UnetrppBrats;
import org.voxarch.models.UnetrppLung;
import org.voxarch.models.UnetrppSynapse;
import org.voxarch.runtime.io.DeterministicWeights;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.TensorFile;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.NoGrad;

/**
 * The four generated UNETR++ networks at the reference's patch sizes against the reference's outputs, with the
 * fixture README's formula weights and input: every deep-supervision head (sampled), the float64 statistics of
 * the full outputs, and the class map.
 */
class NetworkParityTest {

    /** What generated code must do to run: build, then a forward that returns every head. */
    interface Network {
        Tensor[] forward(Tensor x);
    }

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("synapse", (Supplier<ArchModule>) UnetrppSynapse::new),
                Arguments.of("acdc", (Supplier<ArchModule>) UnetrppAcdc::new),
                Arguments.of("tumor", (Supplier<ArchModule>) UnetrppBrats::new),
                Arguments.of("lung", (Supplier<ArchModule>) UnetrppLung::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void matchesReference(String variant, Supplier<ArchModule> build) throws Exception {
        ArchModule net = build.get();
        PointerScope scope = new PointerScope();
        try {
            TensorFile fixture = Fixtures.read(variant + ".safetensors");
            long[] inputShape = Fixtures.longs(Fixtures.metadataJson(fixture, "input_shape"));
            JsonNode stats = Fixtures.metadataJson(fixture, "stats");
            DeterministicWeights.fill(net);
            net.eval();
            Tensor input = DeterministicWeights.input("input", inputShape);
            Tensor[] outputs = NoGrad.get(() -> forward(net, input));
            assertEquals(3, outputs.length, "deep-supervision heads");
            for (int i = 0; i < outputs.length; i++) {
                String name = "output." + i;
                JsonNode s = stats.get(name);
                assertArrayEquals(Fixtures.longs(s.get("shape")), outputs[i].sizes().vec().get(), name + " shape");
                float[] ours = Fixtures.values(outputs[i]);
                float[] sample = Closeness.sample(ours, s.get("step").asInt());
                Closeness.assertClose(variant + " " + name, Fixtures.values(fixture.require(name + ".sample")),
                        sample);
                assertStatistics(variant + " " + name, s, ours);
            }
            assertArgmaxAgrees(variant, fixture.require("output.0.argmax"), outputs[0]);
        } finally {
            scope.close();
        }
    }

    private static Tensor[] forward(ArchModule net, Tensor input) {
        try {
            return (Tensor[]) net.getClass().getMethod("forward", Tensor.class).invoke(net, input);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** float64 sums of the whole output within 1e-4 relative (the sum against the absolute sum's scale). */
    private static void assertStatistics(String what, JsonNode s, float[] ours) {
        double sum = 0;
        double abs = 0;
        double sq = 0;
        for (float v : ours) {
            sum += v;
            abs += Math.abs(v);
            sq += (double) v * v;
        }
        double refAbs = s.get("abs_sum").asDouble();
        assertTrue(Math.abs(abs - refAbs) <= 1e-4 * refAbs, what + " abs_sum " + abs + " vs " + refAbs);
        double refSq = s.get("sq_sum").asDouble();
        assertTrue(Math.abs(sq - refSq) <= 1e-4 * refSq, what + " sq_sum " + sq + " vs " + refSq);
        double refSum = s.get("sum").asDouble();
        assertTrue(Math.abs(sum - refSum) <= 1e-4 * refAbs, what + " sum " + sum + " vs " + refSum);
    }

    private static void assertArgmaxAgrees(String variant, Tensor referenceArgmax, Tensor logits) {
        float[] ref = Fixtures.values(referenceArgmax);
        float[] ours = Fixtures.values(logits.argmax(new org.bytedeco.pytorch.LongOptional(1), false)
                .to(org.bytedeco.pytorch.global.torch.ScalarType.Float));
        assertEquals(ref.length, ours.length);
        long agree = 0;
        for (int i = 0; i < ref.length; i++) {
            if (ref[i] == ours[i]) {
                agree++;
            }
        }
        double fraction = agree / (double) ref.length;
        assertTrue(fraction >= 0.9999, variant + " argmax agreement " + fraction);
    }
}
