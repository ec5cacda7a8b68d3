package org.voxarch.runtime.infer;

import static org.bytedeco.pytorch.global.torch.empty;
import static org.bytedeco.pytorch.global.torch.softmax;
import static org.bytedeco.pytorch.global.torch.stack;
import static org.bytedeco.pytorch.global.torch.zeros;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.voxarch.runtime.data.PreprocessedCase;
import org.voxarch.runtime.data.Progress;
import org.voxarch.runtime.memory.NativeScope;
import org.voxarch.runtime.nn.Inference;

/**
 * Predicts a whole preprocessed image with a network that sees one patch at a time (reference §3.9, nnU-Net v1's
 * {@code predict_3D}): windows of the patch size at step 0.5 of the patch ({@link WindowGrid}), the image
 * zero-padded to at least one patch (and the result cropped back), each window's softmax weighted by the
 * {@link GaussianImportance} map, optionally averaged over the 8 mirror images (every subset of the z, y, x axes
 * flipped before the network and flipped back after, weight 1/8 each), and the weighted sum divided by the summed
 * weights.
 *
 * <p>The network is a function from a batch {@code [B, C, pz, py, px]} to its output heads, the first being the
 * full-resolution logits {@code [B, K, pz, py, px]}; put the network in eval mode before predicting. This class
 * switches autograd off itself, by libtorch's inference mode unless {@link Inference} is switched off. Each
 * batch's native memory lives in its own {@code NativeScope}; the accumulators stay on the CPU whatever the
 * network's device.
 */
public final class SlidingWindowPredictor {
    private static final long[][] MIRROR_AXES = {{}, {4}, {3}, {3, 4}, {2}, {2, 4}, {2, 3}, {2, 3, 4}};

    private final Function<Tensor, Tensor[]> network;
    private final Options options;

    /**
     * How to predict.
     *
     * @param patch     (z, y, x) window size: the network's input size
     * @param classes   K, the number of output channels (softmax classes)
     * @param step      window step as a fraction of the patch (nnU-Net: 0.5)
     * @param mirror    average over the 8 axis mirrorings (test-time augmentation)
     * @param batchSize windows per network call
     * @param device    where the network runs ("cpu" if null); batches are moved there and results back
     */
    public record Options(int[] patch, int classes, double step, boolean mirror, int batchSize, Device device) {

        public Options {
            patch = patch.clone();
            if (patch.length != 3 || Arrays.stream(patch).anyMatch(p -> p < 1)) {
                throw new IllegalArgumentException("patch needs 3 positive sizes, got " + Arrays.toString(patch));
            }
            if (classes < 1 || batchSize < 1 || !(step > 0 && step <= 1)) {
                throw new IllegalArgumentException("classes " + classes + ", batch " + batchSize + ", step " + step
                        + ": need classes ≥ 1, batch ≥ 1, 0 < step ≤ 1");
            }
        }

        /** nnU-Net's defaults: step 0.5, mirroring on, one window per call, CPU. */
        public static Options of(int[] patch, int classes) {
            return new Options(patch, classes, 0.5, true, 1, null);
        }

        /** @return these options with mirroring switched on or off */
        public Options withMirror(boolean on) {
            return new Options(patch, classes, step, on, batchSize, device);
        }

        /** @return these options with {@code n} windows per network call */
        public Options withBatchSize(int n) {
            return new Options(patch, classes, step, mirror, n, device);
        }

        /** @return these options running the network on {@code d} */
        public Options withDevice(Device d) {
            return new Options(patch, classes, step, mirror, batchSize, d);
        }
    }

    /**
     * @param network the forward function (heads; the first is used)
     * @param options patch, classes and the prediction settings
     */
    public SlidingWindowPredictor(Function<Tensor, Tensor[]> network, Options options) {
        this.network = network;
        this.options = options;
    }

    /** @return the settings */
    public Options options() {
        return options;
    }

    /** @return how many windows a grid of {@code shape} takes (network calls = this × 8 with mirroring, ÷ batch) */
    public int windowCount(int[] shape) {
        return WindowGrid.windows(WindowGrid.paddedShape(shape, options.patch()), options.patch(), options.step())
                .size();
    }

    /** Predicts a preprocessed case; {@code progress} counts windows. */
    public ClassProbabilities predict(PreprocessedCase c, Progress progress) {
        return predict(c.images(), c.shape(), progress);
    }

    /**
     * Predicts images given as channels on a grid.
     *
     * @param images one row-major (z, y, x) array per input channel
     * @param shape  (z, y, x)
     * @return the per-class probabilities on {@code shape}; close it when done
     */
    public ClassProbabilities predict(float[][] images, int[] shape, Progress progress) {
        return new ClassProbabilities(Inference.get(() -> NativeScope.keep(() -> run(images, shape, progress))));
    }

    private Tensor run(float[][] images, int[] shape, Progress progress) {
        int[] patch = options.patch();
        int[] padded = WindowGrid.paddedShape(shape, patch);
        int[] before = WindowGrid.padBefore(shape, patch);
        TensorOptions floats = new TensorOptions(ScalarType.Float);
        Tensor image = zeros(new long[] {images.length, padded[0], padded[1], padded[2]}, floats);
        Tensor box = window(image, 1, before, shape);
        box.copy_(fromArrays(images, shape));
        int k = options.classes();
        Tensor sums = zeros(new long[] {k, padded[0], padded[1], padded[2]}, floats);
        Tensor weights = zeros(new long[] {padded[0], padded[1], padded[2]}, floats);
        Tensor gaussian = fromArray(GaussianImportance.of(patch), patch);
        Device device = options.device();
        boolean onCpu = device == null || device.type().intern() == DeviceType.CPU;
        Tensor gaussianOnDevice = onCpu ? gaussian : gaussian.to(device, ScalarType.Float);

        List<int[]> windows = WindowGrid.windows(padded, patch, options.step());
        for (int first = 0; first < windows.size(); first += options.batchSize()) {
            List<int[]> batch = windows.subList(first, Math.min(first + options.batchSize(), windows.size()));
            NativeScope.run(() -> accumulate(image, batch, sums, weights, gaussian, gaussianOnDevice, device));
            progress.update(Math.min(first + options.batchSize(), windows.size()), windows.size());
        }
        Tensor probabilities = sums.div_(weights); // in place: the sums can be as large as 2 GiB
        return window(probabilities, 1, before, shape).contiguous(); // the padding cut off
    }

    /** Predicts one batch of windows and adds their weighted softmax and weights to the accumulators. */
    private void accumulate(Tensor image, List<int[]> batch, Tensor sums, Tensor weights, Tensor gaussian,
            Tensor gaussianOnDevice, Device device) {
        int[] patch = options.patch();
        boolean onCpu = device == null || device.type().intern() == DeviceType.CPU;
        List<Tensor> inputs = new ArrayList<>();
        for (int[] w : batch) {
            inputs.add(window(image, 1, w, patch));
        }
        Tensor x = stack(new TensorVector(inputs.toArray(new Tensor[0])), 0);
        if (!onCpu) {
            x = x.to(device, ScalarType.Float);
        }
        Tensor weighted = predictWindows(x).mul(gaussianOnDevice);
        if (!onCpu) {
            weighted = weighted.cpu();
        }
        for (int b = 0; b < batch.size(); b++) {
            int[] w = batch.get(b);
            window(sums, 1, w, patch).add_(weighted.select(0, b));
            window(weights, 0, w, patch).add_(gaussian);
        }
    }

    /**
     * Softmax of the network's first head for batch {@code x}, averaged over the mirrorings if enabled. Each
     * mirrored forward runs in its own native scope: only its softmax, added into the total, outlives it (keeping
     * the intermediates of all eight forwards took 15 GiB for the Synapse network).
     */
    private Tensor predictWindows(Tensor x) {
        if (!options.mirror()) {
            return softmax(logits(x), 1);
        }
        int[] patch = options.patch();
        Tensor total = zeros(new long[] {x.size(0), options.classes(), patch[0], patch[1], patch[2]}, x.options());
        for (long[] axes : MIRROR_AXES) {
            NativeScope.run(() -> {
                Tensor in = axes.length == 0 ? x : x.flip(axes);
                Tensor p = softmax(logits(in), 1);
                total.add_(axes.length == 0 ? p : p.flip(axes));
            });
        }
        return total.mul_(new Scalar(1.0 / MIRROR_AXES.length));
    }

    private Tensor logits(Tensor x) {
        Tensor[] heads = network.apply(x);
        if (heads == null || heads.length == 0) {
            throw new IllegalStateException("the network returned no output");
        }
        Tensor y = heads[0];
        int[] patch = options.patch();
        boolean ok = y.dim() == 5 && y.size(0) == x.size(0) && y.size(1) == options.classes()
                && y.size(2) == patch[0] && y.size(3) == patch[1] && y.size(4) == patch[2];
        if (!ok) {
            throw new IllegalStateException("the network's first output has shape " + shapeOf(y) + " for input "
                    + shapeOf(x) + "; expected [" + x.size(0) + ", " + options.classes() + ", " + patch[0] + ", "
                    + patch[1] + ", " + patch[2] + "] (batch, classes, patch)");
        }
        return y;
    }

    private static String shapeOf(Tensor t) {
        long[] s = new long[(int) t.dim()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.size(i);
        }
        return Arrays.toString(s);
    }

    /** The view of {@code t}'s three spatial axes (starting at {@code axis}) at {@code start} of size {@code size}. */
    private static Tensor window(Tensor t, int axis, int[] start, int[] size) {
        return t.narrow(axis, start[0], size[0]).narrow(axis + 1, start[1], size[1])
                .narrow(axis + 2, start[2], size[2]);
    }

    private static Tensor fromArrays(float[][] images, int[] shape) {
        Tensor t = empty(new long[] {images.length, shape[0], shape[1], shape[2]}, new TensorOptions(ScalarType.Float),
                new MemoryFormatOptional());
        FloatBuffer buffer = (FloatBuffer) t.createBuffer();
        for (float[] channel : images) {
            buffer.put(channel);
        }
        return t;
    }

    private static Tensor fromArray(float[] values, int[] shape) {
        Tensor t = empty(new long[] {shape[0], shape[1], shape[2]}, new TensorOptions(ScalarType.Float),
                new MemoryFormatOptional());
        ((FloatBuffer) t.createBuffer()).put(values);
        return t;
    }
}
