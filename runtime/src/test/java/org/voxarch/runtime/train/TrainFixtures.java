package org.voxarch.runtime.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.data.CaseProperties;
import org.voxarch.runtime.data.Geometry;
import org.voxarch.runtime.data.PreprocessedCase;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.BatchNorm3d;
import org.voxarch.runtime.nn.Conv3d;
import org.voxarch.runtime.nn.Dropout3d;
import org.voxarch.runtime.nn.LeakyReLU;

/** Tiny networks and synthetic cases for the training tests. */
final class TrainFixtures {
    private TrainFixtures() {
    }

    /**
     * A three-head network like a generated one in miniature: a 3×3×3 convolution with batch norm and dropout (so
     * libtorch's generator and running statistics matter), then heads at full, ½ and ¼ resolution (strided
     * convolutions between them).
     */
    static final class TinyNet extends ArchModule {
        private final Conv3d stem;
        private final BatchNorm3d norm;
        private final LeakyReLU act;
        private final Dropout3d drop;
        private final Conv3d down1;
        private final Conv3d down2;
        private final Conv3d head0;
        private final Conv3d head1;
        private final Conv3d head2;

        TinyNet(int in, int width, int classes) {
            super("TinyNet");
            stem = registerChild("stem", new Conv3d(in, width, k(3), k(1), k(1), true));
            norm = registerChild("norm", new BatchNorm3d(width, 1e-5, 0.1));
            act = registerChild("act", new LeakyReLU(0.01));
            drop = registerChild("drop", new Dropout3d(0.1));
            down1 = registerChild("down1", new Conv3d(width, width, k(2), k(2), k(0), true));
            down2 = registerChild("down2", new Conv3d(width, width, k(2), k(2), k(0), true));
            head0 = registerChild("head0", new Conv3d(width, classes, k(1), k(1), k(0), true));
            head1 = registerChild("head1", new Conv3d(width, classes, k(1), k(1), k(0), true));
            head2 = registerChild("head2", new Conv3d(width, classes, k(1), k(1), k(0), true));
        }

        Tensor[] forward(Tensor x) {
            Tensor f0 = drop.forward(act.forward(norm.forward(stem.forward(x))));
            Tensor f1 = act.forward(down1.forward(f0));
            Tensor f2 = act.forward(down2.forward(f1));
            return new Tensor[] {head0.forward(f0), head1.forward(f1), head2.forward(f2)};
        }

        private static long[] k(long v) {
            return new long[] {v, v, v};
        }
    }

    /**
     * A case whose labels are a few random boxes of classes 1..classes−1 and whose single channel shows them as
     * brighter blocks in noise: learnable by a tiny network in a few dozen steps.
     */
    static PreprocessedCase boxes(String id, int[] shape, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int voxels = shape[0] * shape[1] * shape[2];
        byte[] labels = new byte[voxels];
        for (int box = 0; box < 3; box++) {
            int c = 1 + box % (classes - 1);
            int[] lo = new int[3];
            int[] hi = new int[3];
            for (int a = 0; a < 3; a++) {
                int size = 3 + rng.nextInt(Math.max(1, shape[a] / 3));
                lo[a] = rng.nextInt(Math.max(1, shape[a] - size));
                hi[a] = Math.min(shape[a], lo[a] + size);
            }
            for (int z = lo[0]; z < hi[0]; z++) {
                for (int y = lo[1]; y < hi[1]; y++) {
                    for (int x = lo[2]; x < hi[2]; x++) {
                        labels[(z * shape[1] + y) * shape[2] + x] = (byte) c;
                    }
                }
            }
        }
        float[] image = new float[voxels];
        for (int i = 0; i < voxels; i++) {
            image[i] = (float) (labels[i] * 1.5 - 0.5 + 0.2 * rng.nextGaussian());
        }
        return of(id, new float[][] {image}, labels, shape);
    }

    /** Several {@link #boxes} cases. */
    static List<PreprocessedCase> boxCases(String prefix, int count, int[] shape, int classes, long seed) {
        List<PreprocessedCase> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cases.add(boxes(prefix + i, shape, classes, seed + i));
        }
        return cases;
    }

    /** A case from arrays, with unit spacing and an identity geometry. */
    static PreprocessedCase of(String id, float[][] images, byte[] labels, int[] shape) {
        double[] spacing = {1, 1, 1};
        CaseProperties properties = new CaseProperties(shape, spacing, new int[3], shape, Geometry.identity(spacing));
        return new PreprocessedCase(id, images, labels, shape, spacing, properties);
    }

    /** A single-channel case whose voxel value is its flat index (handy for checking crops). */
    static PreprocessedCase indexed(String id, int[] shape) {
        int voxels = shape[0] * shape[1] * shape[2];
        float[] image = new float[voxels];
        byte[] labels = new byte[voxels];
        for (int i = 0; i < voxels; i++) {
            image[i] = i + 1;
            labels[i] = (byte) (1 + i % 3);
        }
        return of(id, new float[][] {image}, labels, shape);
    }
}
