package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.batch_norm;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.zeros;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Batch normalisation of 5-D input, {@code torch.nn.BatchNorm3d} (affine, tracking running statistics).
 *
 * <p>Parameters {@code weight} (ones) and {@code bias} (zeros), then buffers {@code running_mean} (zeros),
 * {@code running_var} (ones) and {@code num_batches_tracked} (int64 scalar), all {@code [C]} except the last.
 * Training mode normalises with the batch's statistics and moves the running ones towards them by
 * {@code momentum} (the variance unbiased), as PyTorch does; eval mode uses the running statistics.
 */
public final class BatchNorm3d extends Layer {
    private static final boolean CUDNN_ENABLED = true;

    private final double eps;
    private final double momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    /**
     * @param channels number of channels C
     * @param eps added to the variance (PyTorch's default is 1e-5)
     * @param momentum weight of the new batch in the running statistics (PyTorch's default is 0.1)
     */
    public BatchNorm3d(long channels, double eps, double momentum) {
        super("BatchNorm3d");
        Tensors.requirePositive("channels", channels);
        this.eps = eps;
        this.momentum = momentum;
        this.weight = registerParam("weight", ones(channels));
        this.bias = registerParam("bias", zeros(channels));
        this.runningMean = registerBuf("running_mean", zeros(channels));
        this.runningVar = registerBuf("running_var", ones(channels));
        this.numBatchesTracked = registerBuf("num_batches_tracked",
                zeros(new long[0], new TensorOptions(ScalarType.Long)));
    }

    /**
     * @param x {@code [B, C, Z, Y, X]}
     * @return the same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        return Profiler.module(this, x, this::compute, Profiler.Flops.NONE);
    }

    private Tensor compute(Tensor x) {
        boolean training = isTraining();
        if (x.dim() != 5) {
            throw new IllegalArgumentException("BatchNorm3d expects [B, C, Z, Y, X], got " + x.dim() + " axes");
        }
        if (training) {
            // PyTorch counts batches even though a fixed momentum does not use the count.
            NoGrad.run(() -> numBatchesTracked.add_(new Scalar(1L)));
        }
        // The ATen op updates running_mean/running_var in place when training.
        return batch_norm(x, Tensors.optional(weight), Tensors.optional(bias), Tensors.optional(runningMean),
                Tensors.optional(runningVar), training, momentum, eps, CUDNN_ENABLED);
    }

    /** @return the scale {@code [C]} */
    public Tensor weight() {
        return weight;
    }

    /** @return the shift {@code [C]} */
    public Tensor bias() {
        return bias;
    }

    /** @return the running mean {@code [C]} */
    public Tensor runningMean() {
        return runningMean;
    }

    /** @return the running (unbiased) variance {@code [C]} */
    public Tensor runningVar() {
        return runningVar;
    }

    /** @return how many training batches have been seen, an int64 scalar */
    public Tensor numBatchesTracked() {
        return numBatchesTracked;
    }
}
