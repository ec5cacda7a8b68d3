package org.voxarch.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.voxarch.runtime.data.PreprocessedCase;
import org.voxarch.runtime.data.Resampling;

class AugmentationsTest {
    private static final int[] SHAPE = {12, 14, 16};

    /** A two-channel patch of standard-normal noise with labels 0..3. */
    private static Patch noisePatch(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = SHAPE[0] * SHAPE[1] * SHAPE[2];
        float[][] images = new float[2][n];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            images[0][i] = (float) rng.nextGaussian();
            images[1][i] = (float) (3 + 2 * rng.nextGaussian());
            labels[i] = (byte) rng.nextInt(4);
        }
        return new Patch(images, labels, SHAPE);
    }

    @Test
    void mirroringTwiceIsIdentityAndOnceIsAFlip() {
        Patch original = noisePatch(1);
        for (int axis = 0; axis < 3; axis++) {
            Patch p = original.copy();
            Mirroring.flip(p, axis);
            assertFalse(Arrays.equals(original.images()[0], p.images()[0]), "axis " + axis + " flipped");
            Mirroring.flip(p, axis);
            assertArrayEquals(original.images()[0], p.images()[0]);
            assertArrayEquals(original.images()[1], p.images()[1]);
            assertArrayEquals(original.labels(), p.labels());
        }
        Patch p = original.copy();
        Mirroring.flip(p, 2);
        assertEquals(original.images()[0][SHAPE[2] - 1], p.images()[0][0]);
        assertEquals(original.labels()[SHAPE[2] - 1], p.labels()[0]);
        // Random mirroring with a seed, undone by the same seed's flips.
        Patch q = original.copy();
        new Mirroring(0.5).apply(q, new SplittableRandom(5));
        new Mirroring(0.5).apply(q, new SplittableRandom(5));
        assertArrayEquals(original.images()[0], q.images()[0]);
    }

    @Test
    void noiseAddsTheVarianceOfItsDrawnStandardDeviation() {
        Patch p = noisePatch(2);
        double before = Grids.meanAndStd(p.images()[0])[1];
        new GaussianNoise(1.0, 0.5, 0.5).apply(p, new SplittableRandom(3));
        double after = Grids.meanAndStd(p.images()[0])[1];
        double added = after * after - before * before;
        assertEquals(0.25, added, 0.03, "variance added by noise of standard deviation 0.5");
        Patch untouched = noisePatch(2);
        new GaussianNoise(0.0, 0.5, 0.5).apply(untouched, new SplittableRandom(3));
        assertArrayEquals(noisePatch(2).images()[0], untouched.images()[0]);
    }

    @Test
    void gammaRetainsMeanAndStandardDeviation() {
        for (boolean invert : new boolean[] {false, true}) {
            for (long seed = 0; seed < 5; seed++) {
                Patch p = noisePatch(4);
                double[][] before = {Grids.meanAndStd(p.images()[0]), Grids.meanAndStd(p.images()[1])};
                new GammaTransform(1.0, 0.7, 1.5, invert, true).apply(p, new SplittableRandom(seed));
                for (int c = 0; c < 2; c++) {
                    double[] after = Grids.meanAndStd(p.images()[c]);
                    assertEquals(before[c][0], after[0], 1e-4, "mean, invert " + invert);
                    assertEquals(before[c][1], after[1], 1e-4, "std, invert " + invert);
                }
                assertFalse(Arrays.equals(noisePatch(4).images()[0], p.images()[0]), "gamma changed the values");
            }
        }
    }

    @Test
    void gammaWithoutRetainingStatsKeepsTheRange() {
        Patch p = noisePatch(4);
        float[] range = Grids.range(p.images()[0]);
        new GammaTransform(1.0, 1.5, 1.5, false, false).apply(p, new SplittableRandom(1));
        float[] after = Grids.range(p.images()[0]);
        assertEquals(range[0], after[0], 1e-5);
        assertEquals(range[1], after[1], 1e-4);
    }

    @Test
    void rotationByZeroIsACrop() {
        PreprocessedCase c = TrainFixtures.indexed("c", new int[] {20, 22, 24});
        int[] origin = {2, -1, 5};
        int[] size = {12, 14, 16};
        Patch crop = Patch.crop(c.images(), c.labels(), c.shape(), origin, size);
        for (Resampling.Order mode : Resampling.Order.values()) {
            SpatialTransform zero = new SpatialTransform(1.0, 0.0, 0.0, 1, 1, false, mode);
            Patch p = zero.apply(c.images(), c.labels(), c.shape(), origin, size, new SplittableRandom(1));
            assertArrayEquals(crop.images()[0], p.images()[0], mode.toString());
            assertArrayEquals(crop.labels(), p.labels(), mode.toString());
        }
    }

    @Test
    void quarterTurnInPlaneMovesVoxelsAsExpected() {
        PreprocessedCase c = TrainFixtures.indexed("c", new int[] {4, 9, 9});
        SpatialTransform inPlane = new SpatialTransform(1.0, Math.PI, 0, 1, 1, true, Resampling.Order.CUBIC);
        double[] m = inPlane.matrix(new double[] {Math.PI / 2, 0, 0}, 1.0);
        Patch p = SpatialTransform.resample(c.images(), c.labels(), c.shape(), new double[] {1.5, 4, 4},
                new int[] {4, 9, 9}, m, Resampling.Order.CUBIC);
        // Output (y, x) reads input (y', x') = centre + R (d): for 90° about z, y' = 4 - (x - 4), x' = 4 + (y - 4).
        for (int z = 0; z < 4; z++) {
            for (int y = 0; y < 9; y++) {
                for (int x = 0; x < 9; x++) {
                    int source = (z * 9 + (8 - x)) * 9 + y;
                    assertEquals(c.images()[0][source], p.images()[0][(z * 9 + y) * 9 + x], 1e-3);
                    assertEquals(c.labels()[source], p.labels()[(z * 9 + y) * 9 + x]);
                }
            }
        }
    }

    @Test
    void rotatedAndScaledLabelsStayOriginalClasses() {
        PreprocessedCase c = TrainFixtures.boxes("b", new int[] {24, 24, 24}, 4, 3);
        SpatialTransform always = new SpatialTransform(1.0, Math.toRadians(30), 1.0, 0.7, 1.4, false,
                Resampling.Order.CUBIC);
        for (long seed = 0; seed < 5; seed++) {
            Patch p = always.apply(c.images(), c.labels(), c.shape(), new int[] {4, 4, 4}, new int[] {16, 16, 16},
                    new SplittableRandom(seed));
            for (byte b : p.labels()) {
                assertTrue(b >= 0 && b <= 3, "label " + b);
            }
        }
    }

    @Test
    void scalingAboveOneShrinksObjects() {
        int[] shape = {32, 32, 32};
        byte[] labels = new byte[32 * 32 * 32];
        for (int z = 12; z < 20; z++) {
            for (int y = 12; y < 20; y++) {
                for (int x = 12; x < 20; x++) {
                    labels[(z * 32 + y) * 32 + x] = 1;
                }
            }
        }
        float[][] images = {new float[labels.length]};
        double[] centre = {15.5, 15.5, 15.5};
        int[] size = {32, 32, 32};
        SpatialTransform t = SpatialTransform.none();
        Patch big = SpatialTransform.resample(images, labels, shape, centre, size, t.matrix(new double[3], 0.5),
                Resampling.Order.LINEAR);
        Patch small = SpatialTransform.resample(images, labels, shape, centre, size, t.matrix(new double[3], 2.0),
                Resampling.Order.LINEAR);
        assertEquals(512 * 8, count(big.labels()));
        assertEquals(512 / 8, count(small.labels()));
    }

    @Test
    void brightnessMultipliesEachChannelByOneFactor() {
        Patch p = noisePatch(5);
        Patch before = p.copy();
        new BrightnessMultiplicative(1.0, 0.75, 1.25).apply(p, new SplittableRandom(6));
        for (int c = 0; c < 2; c++) {
            float factor = p.images()[c][0] / before.images()[c][0];
            assertTrue(factor >= 0.75 && factor <= 1.25, "factor " + factor);
            for (int i = 0; i < p.voxels(); i++) {
                assertEquals(before.images()[c][i] * factor, p.images()[c][i], 1e-4);
            }
        }
    }

    @Test
    void contrastScalesAboutTheMeanAndKeepsTheRange() {
        Patch p = noisePatch(6);
        Patch before = p.copy();
        // The range (0.75, 0.75) still draws from [0.75, 1): half the draws are "shrinking" ones in [lo, 1).
        new ContrastAugmentation(1.0, 0.75, 0.75).apply(p, new SplittableRandom(7));
        for (int c = 0; c < 2; c++) {
            double[] stats = Grids.meanAndStd(before.images()[c]);
            double factor = Grids.meanAndStd(p.images()[c])[1] / stats[1];
            assertTrue(factor >= 0.75 && factor <= 1.0, "factor " + factor);
            assertEquals(stats[0], Grids.meanAndStd(p.images()[c])[0], 1e-4);
            for (int i = 0; i < p.voxels(); i++) {
                assertEquals((before.images()[c][i] - stats[0]) * factor + stats[0], p.images()[c][i], 1e-4);
            }
        }
        Patch q = noisePatch(6);
        float[] range = Grids.range(q.images()[0]);
        double std = Grids.meanAndStd(q.images()[0])[1];
        new ContrastAugmentation(1.0, 1.25, 1.25).apply(q, new SplittableRandom(7));
        float[] after = Grids.range(q.images()[0]);
        assertEquals(range[0], after[0]);
        assertEquals(range[1], after[1]);
        assertTrue(Grids.meanAndStd(q.images()[0])[1] > 1.1 * std, "stretched (then clipped to the old range)");
    }

    @Test
    void blurSmoothsNoiseAndKeepsConstants() {
        Patch p = noisePatch(8);
        double before = Grids.meanAndStd(p.images()[0])[1];
        Grids.gaussianBlur(p.images()[0], SHAPE, 1.0);
        assertTrue(Grids.meanAndStd(p.images()[0])[1] < 0.5 * before, "smoothing reduces the noise");
        float[] constant = new float[SHAPE[0] * SHAPE[1] * SHAPE[2]];
        Arrays.fill(constant, 2.5f);
        Grids.gaussianBlur(constant, SHAPE, 0.7);
        for (float v : constant) {
            assertEquals(2.5f, v, 1e-5);
        }
    }

    @Test
    void lowResolutionLosesDetailAndKeepsAxisZeroInDummy2D() {
        Patch p = noisePatch(9);
        double before = Grids.meanAndStd(p.images()[0])[1];
        new SimulateLowResolution(1.0, 1.0, 0.5, 0.5, false, Resampling.Order.CUBIC).apply(p, new SplittableRandom(1));
        assertTrue(Grids.meanAndStd(p.images()[0])[1] < 0.9 * before, "detail lost");
        // An image that only varies along z passes through untouched when axis 0 is kept.
        float[] slices = new float[SHAPE[0] * SHAPE[1] * SHAPE[2]];
        for (int i = 0; i < slices.length; i++) {
            slices[i] = i / (SHAPE[1] * SHAPE[2]);
        }
        Patch q = new Patch(new float[][] {slices.clone()}, new byte[slices.length], SHAPE);
        new SimulateLowResolution(1.0, 1.0, 0.5, 0.5, true, Resampling.Order.LINEAR).apply(q, new SplittableRandom(1));
        for (int i = 0; i < slices.length; i++) {
            assertEquals(slices[i], q.images()[0][i], 1e-5);
        }
    }

    @Test
    void resizeToTheSameShapeIsIdentity() {
        Patch p = noisePatch(10);
        for (Resampling.Order mode : Resampling.Order.values()) {
            assertArrayEquals(p.images()[0], Resampling.resize(p.images()[0], SHAPE, SHAPE, mode));
        }
    }

    @Test
    void transformsFireAtTheirProbability() {
        List<PatchTransform> transforms = List.of(new BrightnessMultiplicative(0.15, 2, 2),
                new GammaTransform(0.3, 1.5, 1.5, false, false), new GaussianNoise(0.1, 1, 1));
        double[] expected = {0.15, 0.3, 0.1};
        RandomGenerator rng = new SplittableRandom(12);
        int[] fired = new int[3];
        int trials = 4000;
        int[] tiny = {1, 2, 2};
        for (int i = 0; i < trials; i++) {
            for (int t = 0; t < 3; t++) {
                Patch p = new Patch(new float[][] {{1, 2, 3, 4}}, new byte[4], tiny);
                transforms.get(t).apply(p, rng);
                fired[t] += p.images()[0][1] != 2 ? 1 : 0;
            }
        }
        for (int t = 0; t < 3; t++) {
            assertEquals(expected[t], fired[t] / (double) trials, 0.025, transforms.get(t).toString());
        }
    }

    @Test
    void theReferencePipelineRepeatsWithASeed() {
        PreprocessedCase c = TrainFixtures.boxes("b", new int[] {24, 24, 24}, 3, 1);
        Augmentations reference = Augmentations.reference(false);
        int[] size = {16, 16, 16};
        int differing = 0;
        for (long seed = 0; seed < 6; seed++) {
            Patch a = reference.apply(c, new int[] {2, 3, 4}, size, new SplittableRandom(seed));
            Patch b = reference.apply(c, new int[] {2, 3, 4}, size, new SplittableRandom(seed));
            assertArrayEquals(a.images()[0], b.images()[0]);
            assertArrayEquals(a.labels(), b.labels());
            Patch plain = Patch.crop(c.images(), c.labels(), c.shape(), new int[] {2, 3, 4}, size);
            differing += Arrays.equals(plain.images()[0], a.images()[0]) ? 0 : 1;
        }
        assertTrue(differing > 0, "some seed augments");
        assertTrue(Augmentations.needsDummy2D(new int[] {16, 160, 160}));
        assertFalse(Augmentations.needsDummy2D(new int[] {64, 128, 128}));
    }

    private static int count(byte[] labels) {
        int n = 0;
        for (byte b : labels) {
            n += b != 0 ? 1 : 0;
        }
        return n;
    }
}
