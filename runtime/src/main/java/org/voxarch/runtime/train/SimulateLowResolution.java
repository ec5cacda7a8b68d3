package org.voxarch.runtime.train;

import java.util.random.RandomGenerator;

import org.voxarch.runtime.data.Resampling;

/**
 * Simulates a coarser acquisition: a channel is shrunk by a random zoom (nearest neighbour) and enlarged back to
 * its size ({@link #upsampling}), losing detail. In dummy-2D mode axis 0 keeps its size.
 *
 * @param probability        per sample (0.25)
 * @param channelProbability per channel of a selected sample (0.5)
 * @param minZoom            smallest zoom (0.5)
 * @param maxZoom            largest zoom (1.0)
 * @param keepAxis0          dummy-2D mode: leave the first axis alone
 * @param upsampling         back to full size (nnU-Net: cubic)
 */
public record SimulateLowResolution(double probability, double channelProbability, double minZoom, double maxZoom,
        boolean keepAxis0, Resampling.Order upsampling) implements PatchTransform {

    /** nnU-Net's setting. */
    public static SimulateLowResolution reference(boolean dummy2D) {
        return new SimulateLowResolution(0.25, 0.5, 0.5, 1.0, dummy2D, Resampling.Order.CUBIC);
    }

    @Override
    public void apply(Patch patch, RandomGenerator rng) {
        if (rng.nextDouble() >= probability) {
            return;
        }
        int[] shape = patch.shape();
        float[][] images = patch.images();
        for (int c = 0; c < images.length; c++) {
            if (rng.nextDouble() >= channelProbability) {
                continue;
            }
            double zoom = Ranges.uniform(minZoom, maxZoom, rng);
            int[] low = new int[3];
            for (int a = 0; a < 3; a++) {
                low[a] = keepAxis0 && a == 0 ? shape[a] : Math.max(1, (int) Math.rint(shape[a] * zoom));
            }
            float[] small = Resampling.resize(images[c], shape, low, Resampling.Order.NEAREST);
            float[] back = Resampling.resize(small, low, shape, upsampling);
            System.arraycopy(back, 0, images[c], 0, back.length);
        }
    }
}
