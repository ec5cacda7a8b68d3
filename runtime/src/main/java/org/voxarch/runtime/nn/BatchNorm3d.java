package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.batch_norm;
import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.zeros;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorBase;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorTensorHook;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Batch normalisation of 5-D input, {@code torch.nn.BatchNorm3d} (affine, tracking running statistics).
 *
 * <p>Parameters {@code weight} (ones) and {@code bias} (zeros), then buffers {@code running_mean} (zeros),
 * {@code running_var} (ones) and {@code num_batches_tracked} (int64 scalar), all {@code [C]} except the last.
 * Training mode normalises with the batch's statistics and moves the running ones towards them by
 * {@code momentum} (the variance unbiased), as PyTorch does; eval mode uses the running statistics.
 *
 * <p>{@link #synchronise}d, training mode takes the statistics of the global batch of all data-parallel replicas, as
 * PyTorch's {@code SyncBatchNorm}: the per-channel sums of x and x² and the count are summed over the replicas in the
 * forward pass, and in backward the gradients reaching those sums are summed too, so that each replica's inputs get
 * their share of every replica's loss. Both without a custom autograd function (which Java cannot define for
 * libtorch): the global sums enter the graph as {@code local + (global − local).detach()}, whose gradient is the
 * local one, and a gradient hook on them adds the other replicas' gradients.
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
    private ReplicaSum replicas;
    /** Forwards without a backward (no gradient wanted) keep at most this many hooks. */
    private static final int MAX_PENDING_HOOKS = 64;

    /** The hooks whose backward has not run: their native thunks must live until then. */
    private final List<TensorTensorHook> hooks = new ArrayList<>();
    /** Hooks backward has called: their native callbacks are freed at the next forward, not while they run. */
    private final List<TensorTensorHook> calledHooks = new ArrayList<>();

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
        if (training && replicas != null) {
            return synchronisedBatchNorm(x);
        }
        // The ATen op updates running_mean/running_var in place when training.
        return batch_norm(x, Tensors.optional(weight), Tensors.optional(bias), Tensors.optional(runningMean),
                Tensors.optional(runningVar), training, momentum, eps, CUDNN_ENABLED);
    }

    /**
     * Normalises training batches with the statistics of all replicas from now on.
     *
     * @param sum the replicas' sum; null to return to per-process statistics
     */
    public void synchronise(ReplicaSum sum) {
        this.replicas = sum;
    }

    /**
     * {@link #synchronise}s every batch norm in {@code network}.
     *
     * @return how many there are
     */
    public static int synchroniseAll(ArchModule network, ReplicaSum sum) {
        int count = 0;
        if (network instanceof BatchNorm3d bn) {
            bn.synchronise(sum);
            count++;
        }
        for (ArchModule.Entry e : network.entries()) {
            if (e.kind() == ArchModule.Kind.CHILD) {
                count += synchroniseAll(e.module(), sum);
            }
        }
        return count;
    }

    private Tensor synchronisedBatchNorm(Tensor x) {
        replicas.rethrowBackwardFailure();
        calledHooks.forEach(TensorTensorHook::releaseReference);
        calledHooks.clear();
        if (hooks.size() >= MAX_PENDING_HOOKS) {
            hooks.remove(0).releaseReference();
        }
        long channels = weight.numel();
        long[] reduced = {0, 2, 3, 4};
        // Sums in double precision: the variance is E[x²] − E[x]², which loses float's digits to cancellation.
        Tensor xd = x.to(ScalarType.Double);
        Tensor local = cat(new TensorVector(xd.sum(reduced, false, new ScalarTypeOptional()),
                xd.mul(xd).sum(reduced, false, new ScalarTypeOptional())));
        double localCount = (double) x.numel() / channels;
        Tensor packed = cat(new TensorVector(local.detach(), local.new_full(new long[] {1}, new Scalar(localCount))));
        replicas.sumInPlace(packed);
        double count = packed.select(0, 2 * channels).item_double();
        Tensor sums = local.add(packed.narrow(0, 0, 2 * channels).sub(local.detach()));
        TensorTensorHook hook = new TensorTensorHook() {
            @Override
            public TensorBase call(TensorBase gradient) {
                if (hooks.remove(this)) {
                    calledHooks.add(this);
                }
                Tensor total = new Tensor(gradient).clone();
                replicas.sumInBackward(total);
                return total;
            }
        };
        // Backward calls the hook after this forward's native scope has closed (generated forwards free what
        // they made on return): one reference of our own keeps its callback alive until it has run.
        hook.retainReference();
        hooks.add(hook);
        sums.register_hook(hook);
        Tensor mean = sums.narrow(0, 0, channels).div(new Scalar(count));
        Tensor variance = sums.narrow(0, channels, channels).div(new Scalar(count)).sub(mean.mul(mean));
        Tensor scale = variance.add(new Scalar(eps)).rsqrt().mul(weight.to(ScalarType.Double));
        NoGrad.run(() -> {
            runningMean.mul_(new Scalar(1 - momentum)).add_(mean.detach().to(runningMean.scalar_type())
                    .mul(new Scalar(momentum)));
            runningVar.mul_(new Scalar(1 - momentum)).add_(variance.detach().to(runningVar.scalar_type())
                    .mul(new Scalar(momentum * count / Math.max(1, count - 1))));
        });
        ScalarType type = x.scalar_type();
        return x.sub(mean.to(type).view(1, -1, 1, 1, 1)).mul(scale.to(type).view(1, -1, 1, 1, 1))
                .add(bias.view(1, -1, 1, 1, 1));
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
