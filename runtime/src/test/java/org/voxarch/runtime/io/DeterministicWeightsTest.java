package org.voxarch.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.SharedFixtures;
import org.voxarch.runtime.TestTensors;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.Linear;
import org.voxarch.runtime.nn.Ops;

class DeterministicWeightsTest {
    private static final String STEM = "unetr_pp_encoder.downsample_layers.0.0.conv.weight";
    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(32);

    /**
     * The fixture README's formula, re-derived here in arbitrary-precision arithmetic from its text, independently
     * of the implementation's int arithmetic.
     */
    private static float byHand(String key, long j, double center, double spread) {
        BigInteger h = new BigInteger("811C9DC5", 16);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = h.xor(BigInteger.valueOf(b & 0xFF)).multiply(new BigInteger("01000193", 16)).mod(MOD);
        }
        h = h.add(BigInteger.valueOf(j).multiply(new BigInteger("9E3779B9", 16))).mod(MOD);
        h = h.xor(h.shiftRight(16));
        h = h.multiply(new BigInteger("85EBCA6B", 16)).mod(MOD);
        h = h.xor(h.shiftRight(13));
        h = h.multiply(new BigInteger("C2B2AE35", 16)).mod(MOD);
        h = h.xor(h.shiftRight(16));
        double u = h.doubleValue() / 4294967296.0;
        return (float) (center + spread * (2 * u - 1));
    }

    @Test
    void stemWeightMatchesTheReadmeFormulaBitForBit() {
        long[] shape = {32, 1, 2, 4, 4};
        float[] ours = TestTensors.floats(DeterministicWeights.generate(STEM, shape));
        double spread = Math.sqrt(3.0 / 32); // fan_in = 1024 / 32
        for (int j : new int[] {0, 1, 2, 1023}) {
            float expected = byHand(STEM, j, 0.0, spread);
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(ours[j]),
                    "element " + j + ": expected " + expected + " got " + ours[j]);
        }
    }

    @Test
    void inputUsesCenterZeroSpreadOne() {
        float[] ours = TestTensors.floats(DeterministicWeights.input("input", new long[] {1, 1, 2, 2, 2}));
        for (int j = 0; j < 3; j++) {
            assertEquals(Float.floatToIntBits(byHand("input", j, 0.0, 1.0)), Float.floatToIntBits(ours[j]));
        }
    }

    @Test
    void fixtureInputsAreTheFormulaInputs() {
        for (String name : new String[] {"block_res_block_instance.safetensors", "block_res_block_batch.safetensors"}) {
            Tensor stored = Safetensors.read(SharedFixtures.file(name)).require("input");
            Tensor ours = DeterministicWeights.input("input", Ops.shape(stored));
            assertTrue(ours.equal(stored), name + ": formula input differs from the stored one");
        }
    }

    @Test
    void rulesPickCenterAndSpreadByLeafAndRank() {
        assertWithin(DeterministicWeights.generate("bn.running_var", new long[] {64}), 0.5, 1.5);
        assertWithin(DeterministicWeights.generate("bn.running_mean", new long[] {64}), -0.1, 0.1);
        assertWithin(DeterministicWeights.generate("block.gamma", new long[] {64}), 0.5, 1.5);
        assertWithin(DeterministicWeights.generate("block.pos_embed", new long[] {1, 8, 8}), -0.2, 0.2);
        assertWithin(DeterministicWeights.generate("norm.weight", new long[] {64}), 0.8, 1.2);
        assertWithin(DeterministicWeights.generate("fc.bias", new long[] {64}), -0.1, 0.1);
        assertWithin(DeterministicWeights.generate("fc.weight", new long[] {4, 300}), -0.1, 0.1); // sqrt(3/300)

        // EF: fan_in is the first axis, here 3, so values reach ±1.
        float[] ef = TestTensors.floats(DeterministicWeights.generate("epa.EF", new long[] {3, 400}));
        assertEquals(Float.floatToIntBits(byHand("epa.EF", 5, 0.0, 1.0)), Float.floatToIntBits(ef[5]));

        Tensor counter = DeterministicWeights.generate("bn.num_batches_tracked", new long[0]);
        assertEquals(ScalarType.Long, counter.scalar_type().intern());
        assertEquals(0, counter.dim());
        assertEquals(0L, counter.item_long());

        assertThrows(IllegalArgumentException.class, () -> DeterministicWeights.generate("scale", new long[0]));
    }

    private static void assertWithin(Tensor t, double lo, double hi) {
        for (float v : TestTensors.floats(t)) {
            assertTrue(v >= lo && v <= hi, v + " outside [" + lo + ", " + hi + "]");
        }
    }

    /** A module with a shared Linear under two names, like the reference's EPA E/F. */
    static final class SharedProjection extends ArchModule {
        SharedProjection() {
            super("SharedProjection");
            Linear e = registerChild("E", new Linear(6, 4, true));
            registerAlias("F", e);
        }
    }

    @Test
    void fillGivesAliasKeysTheValuesOfTheFirstKey() {
        SharedProjection m = new SharedProjection();
        DeterministicWeights.fill(m);
        var map = StateDict.toMap(m);
        float[] fromE = TestTensors.floats(DeterministicWeights.generate("E.weight", new long[] {4, 6}));
        assertArrayEquals(fromE, TestTensors.floats(map.get("E.weight")));
        assertArrayEquals(fromE, TestTensors.floats(map.get("F.weight")));
        assertArrayEquals(TestTensors.floats(DeterministicWeights.generate("E.bias", new long[] {4})),
                TestTensors.floats(map.get("F.bias")));
    }
}
