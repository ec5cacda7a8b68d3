package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.TestTensors;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.StateEntry;

class NormAndDropoutTest {
    private static final long B = 2;
    private static final long C = 3;
    private static final long S = 4;

    /** Per-channel mean and variance of a [B, C, S, S, S] array computed in double. */
    private static double[][] channelStats(float[] x) {
        long perChannel = B * S * S * S;
        double[] mean = new double[(int) C];
        double[] sq = new double[(int) C];
        int spatial = (int) (S * S * S);
        for (int i = 0; i < x.length; i++) {
            int c = (i / spatial) % (int) C;
            mean[c] += x[i];
        }
        for (int c = 0; c < C; c++) {
            mean[c] /= perChannel;
        }
        for (int i = 0; i < x.length; i++) {
            int c = (i / spatial) % (int) C;
            sq[c] += (x[i] - mean[c]) * (x[i] - mean[c]);
        }
        double[] biased = new double[(int) C];
        double[] unbiased = new double[(int) C];
        for (int c = 0; c < C; c++) {
            biased[c] = sq[c] / perChannel;
            unbiased[c] = sq[c] / (perChannel - 1);
        }
        return new double[][] {mean, biased, unbiased};
    }

    @Test
    void batchNormTrainingUsesBatchStatisticsAndUpdatesRunningOnes() {
        manual_seed(7);
        BatchNorm3d bn = new BatchNorm3d(C, 1e-5, 0.1);
        Tensor x = randn(B, C, S, S, S).mul(new Scalar(2.0)).add(new Scalar(0.5));
        float[] xs = TestTensors.floats(x);
        double[][] stats = channelStats(xs);

        bn.train(true);
        float[] y = TestTensors.floats(bn.forward(x));

        float[] runningMean = TestTensors.floats(bn.runningMean());
        float[] runningVar = TestTensors.floats(bn.runningVar());
        for (int c = 0; c < C; c++) {
            assertEquals(0.1 * stats[0][c], runningMean[c], 1e-5, "running_mean[" + c + "]");
            assertEquals(0.9 + 0.1 * stats[2][c], runningVar[c], 1e-5, "running_var[" + c + "] (unbiased)");
        }
        assertEquals(1L, bn.numBatchesTracked().item_long());
        int spatial = (int) (S * S * S);
        for (int i = 0; i < xs.length; i += 17) {
            int c = (i / spatial) % (int) C;
            double expected = (xs[i] - stats[0][c]) / Math.sqrt(stats[1][c] + 1e-5);
            assertEquals(expected, y[i], 1e-4, "training output uses the biased batch variance");
        }

        bn.forward(x);
        assertEquals(2L, bn.numBatchesTracked().item_long());

        bn.eval();
        float[] before = TestTensors.floats(bn.runningMean());
        float[] rv = TestTensors.floats(bn.runningVar());
        float[] evalOut = TestTensors.floats(bn.forward(x));
        assertArrayEquals(before, TestTensors.floats(bn.runningMean()), "eval must not update running stats");
        assertEquals(2L, bn.numBatchesTracked().item_long());
        for (int i = 0; i < xs.length; i += 13) {
            int c = (i / spatial) % (int) C;
            assertEquals((xs[i] - before[c]) / Math.sqrt(rv[c] + 1e-5), evalOut[i], 1e-4);
        }
    }

    @Test
    void batchNormRegistersPytorchNamesInOrder() {
        List<StateEntry> entries = StateDict.entries(new BatchNorm3d(4, 1e-5, 0.1));
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                entries.stream().map(StateEntry::key).toList());
        assertEquals(0, entries.get(4).tensor().dim(), "num_batches_tracked is a scalar");
    }

    @Test
    void instanceNormUsesPerSampleStatisticsInBothModes() {
        manual_seed(3);
        InstanceNorm3d norm = new InstanceNorm3d(C, false, 1e-5);
        assertTrue(StateDict.entries(norm).isEmpty(), "affine=false has no parameters");
        Tensor x = randn(B, C, S, S, S).mul(new Scalar(3.0)).add(new Scalar(1.0));
        for (boolean training : new boolean[] {true, false}) {
            norm.train(training);
            float[] y = TestTensors.floats(norm.forward(x));
            int spatial = (int) (S * S * S);
            for (int sc = 0; sc < B * C; sc++) {
                double mean = 0;
                double sq = 0;
                for (int k = 0; k < spatial; k++) {
                    mean += y[sc * spatial + k];
                    sq += y[sc * spatial + k] * y[sc * spatial + k];
                }
                mean /= spatial;
                assertEquals(0.0, mean, 1e-5);
                assertEquals(1.0, sq / spatial - mean * mean, 1e-3);
            }
        }
        assertEquals(List.of("weight", "bias"),
                StateDict.entries(new InstanceNorm3d(C, true, 1e-5)).stream().map(StateEntry::key).toList());
    }

    @Test
    void dropout3dIsIdentityInEvalAndDropsWholeChannelsInTraining() {
        Dropout3d drop = new Dropout3d(0.5);
        Tensor x = ones(4, 8, 2, 2, 2);
        drop.eval();
        assertSame(x, drop.forward(x), "eval dropout must return its input");

        manual_seed(11);
        drop.train(true);
        float[] y = TestTensors.floats(drop.forward(x));
        int zeroed = 0;
        for (int channel = 0; channel < 4 * 8; channel++) {
            float first = y[channel * 8];
            for (int k = 1; k < 8; k++) {
                assertEquals(first, y[channel * 8 + k], "a channel is dropped or kept whole");
            }
            assertTrue(first == 0f || first == 2f, "kept channels are scaled by 1/(1-p): " + first);
            zeroed += first == 0f ? 1 : 0;
        }
        assertTrue(zeroed > 0 && zeroed < 32, "some but not all channels dropped: " + zeroed);

        Dropout plain = new Dropout(0.3);
        plain.eval();
        assertSame(x, plain.forward(x));
    }
}
