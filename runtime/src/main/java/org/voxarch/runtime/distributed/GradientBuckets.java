package org.voxarch.runtime.distributed;

import static org.bytedeco.pytorch.global.torch.cat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorBase;
import org.bytedeco.pytorch.TensorTensorHook;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;

/**
 * Averages gradients over the workers as DDP does, in buckets: the parameters are grouped, in reverse order (the
 * order backward produces their gradients), into buckets of at most {@code capBytes} (the first of at most 1 MB), each
 * reduced as one flat tensor.
 *
 * <p>Once {@link #attach}ed, a gradient hook on every parameter copies its gradient into its bucket as backward
 * produces it, and a full bucket's all-reduce starts at once, while backward goes on with the earlier layers (the
 * hooks run on the thread calling backward, so inside its {@code PointerScope}). {@link #average} then starts what
 * is left, waits, and writes the means into the gradients. Without {@code attach} it flattens and reduces everything
 * after backward. Parameters whose gradient is undefined (unused by the forward pass) take part as zeros and stay
 * undefined; every rank runs the same network, so they are the same on every rank, and so is the order in which
 * buckets start (c10d matches collectives by order).
 */
final class GradientBuckets {
    /** DDP's default bucket size. */
    static final long DEFAULT_CAP_BYTES = 25L << 20;
    /** DDP's size of the first bucket: small, so that its all-reduce starts early in backward. */
    static final long FIRST_CAP_BYTES = 1L << 20;

    private final WorkerGroup group;
    private final long capBytes;
    private final List<Bucket> attached = new ArrayList<>();
    /** Owns the parameter handles the buckets point into ({@code TensorVector.get} returns a reference). */
    private TensorVector attachedParameters;
    /** The hooks' native thunks live as long as these objects. */
    private final List<TensorTensorHook> hooks = new ArrayList<>();
    private RuntimeException hookFailure;
    private long nanos;
    private long bytes;
    private int buckets;

    GradientBuckets(WorkerGroup group, long capBytes) {
        this.group = group;
        this.capBytes = capBytes;
    }

    /** Registers the gradient hooks that start each bucket's all-reduce during backward. Once per network. */
    void attach(TensorVector parameters) {
        if (!attached.isEmpty()) {
            return;
        }
        attachedParameters = parameters;
        for (List<Tensor> params : bucketsOf(parameters)) {
            Bucket bucket = new Bucket(params);
            attached.add(bucket);
            for (int i = 0; i < params.size(); i++) {
                int index = i;
                TensorTensorHook hook = new TensorTensorHook() {
                    @Override
                    public TensorBase call(TensorBase gradient) {
                        arrived(bucket, index, gradient);
                        return gradient;
                    }
                };
                hooks.add(hook);
                params.get(i).register_hook(hook);
            }
        }
    }

    private void arrived(Bucket bucket, int index, TensorBase gradient) {
        try {
            Tensor g = new Tensor(gradient);
            bucket.slice(index).copy_(g.reshape(-1));
            if (!bucket.arrived[index]) {
                bucket.arrived[index] = true;
                bucket.count++;
            }
            if (bucket.count == bucket.params.size() && bucket.work == null) {
                bucket.work = group.startAllReduceSum(bucket.flat);
            }
        } catch (RuntimeException e) {
            // An exception must not cross the native autograd engine; average() rethrows it.
            hookFailure = hookFailure == null ? e : hookFailure;
        }
    }

    void average(TensorVector parameters) {
        long start = System.nanoTime();
        if (attached.isEmpty()) {
            averageAfterBackward(parameters);
        } else {
            averageAttached();
        }
        nanos += System.nanoTime() - start;
    }

    private void averageAttached() {
        try {
            if (hookFailure != null) {
                throw hookFailure;
            }
            Scalar world = new Scalar((double) group.settings().worldSize());
            for (Bucket b : attached) {
                if (b.work == null) {
                    // Some gradient never came (unused parameters): they count as zeros.
                    for (int i = 0; i < b.params.size(); i++) {
                        if (!b.arrived[i]) {
                            b.slice(i).zero_();
                        }
                    }
                    b.work = group.startAllReduceSum(b.flat);
                }
            }
            for (Bucket b : attached) {
                group.await(b.work);
                Tensor mean = b.flat.div_(world);
                for (int i = 0; i < b.params.size(); i++) {
                    Tensor g = b.params.get(i).grad();
                    if (g.defined()) {
                        g.copy_(b.slice(i).view_as(g));
                    }
                }
                bytes += mean.numel() * mean.element_size();
            }
            buckets += attached.size();
        } finally {
            hookFailure = null;
            attached.forEach(Bucket::reset);
        }
    }

    private void averageAfterBackward(TensorVector parameters) {
        List<List<Tensor>> grouped = bucketsOf(parameters);
        List<Tensor> flat = new ArrayList<>(grouped.size());
        for (List<Tensor> bucket : grouped) {
            TensorVector pieces = new TensorVector();
            for (Tensor p : bucket) {
                Tensor g = p.grad();
                pieces.push_back(g.defined() ? g.reshape(-1) : p.new_zeros(new long[] {p.numel()}).reshape(-1));
            }
            flat.add(cat(pieces));
        }
        group.allReduceSum(flat);
        Scalar world = new Scalar((double) group.settings().worldSize());
        for (int b = 0; b < grouped.size(); b++) {
            Tensor mean = flat.get(b).div_(world);
            long offset = 0;
            for (Tensor p : grouped.get(b)) {
                Tensor g = p.grad();
                if (g.defined()) {
                    g.copy_(mean.narrow(0, offset, p.numel()).view_as(g));
                }
                offset += p.numel();
            }
            bytes += mean.numel() * mean.element_size();
        }
        buckets += grouped.size();
    }

    private List<List<Tensor>> bucketsOf(TensorVector parameters) {
        List<List<Tensor>> out = new ArrayList<>();
        List<Tensor> current = new ArrayList<>();
        long size = 0;
        for (long i = parameters.size() - 1; i >= 0; i--) {
            Tensor p = parameters.get(i);
            long b = p.numel() * p.element_size();
            long cap = out.isEmpty() ? Math.min(FIRST_CAP_BYTES, capBytes) : capBytes;
            if (!current.isEmpty() && size + b > cap) {
                out.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(p);
            size += b;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /**
     * @return seconds spent in {@link #average} (with hooks: only the wait for what backward did not hide), bytes and
     *     buckets reduced since the last call; then starts counting anew
     */
    double[] takeTotals() {
        double[] totals = {nanos / 1e9, bytes, buckets};
        nanos = 0;
        bytes = 0;
        buckets = 0;
        return totals;
    }

    /** One bucket's flat gradient buffer, made once, and which of its gradients have arrived in this step. */
    private static final class Bucket {
        final List<Tensor> params;
        final long[] offsets;
        final Tensor flat;
        final boolean[] arrived;
        int count;
        Work work;

        Bucket(List<Tensor> params) {
            this.params = params;
            this.offsets = new long[params.size() + 1];
            for (int i = 0; i < params.size(); i++) {
                offsets[i + 1] = offsets[i] + params.get(i).numel();
            }
            Tensor first = params.get(0);
            this.flat = first.new_zeros(new long[] {offsets[params.size()]});
            this.arrived = new boolean[params.size()];
        }

        Tensor slice(int i) {
            return flat.narrow(0, offsets[i], offsets[i + 1] - offsets[i]);
        }

        void reset() {
            Arrays.fill(arrived, false);
            count = 0;
            work = null;
        }
    }
}
