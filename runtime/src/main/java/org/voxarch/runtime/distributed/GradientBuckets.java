package org.voxarch.runtime.distributed;

import static org.bytedeco.pytorch.global.torch.cat;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * Averages gradients over the workers as DDP does, in buckets: the parameters are grouped (in reverse order, the
 * order backward produces their gradients) into buckets of at most {@code capBytes}; each bucket's gradients are
 * flattened into one tensor, all buckets are all-reduced asynchronously (so flattening bucket k+1 overlaps the
 * transfer of bucket k) and the mean is copied back.
 *
 * <p>After backward rather than overlapping it: the presets bind no tensor gradient hook to run Java when a
 * gradient is ready, and the bound c10d {@code Reducer} relies on such autograd hooks too. Parameters whose gradient is
 * undefined (unused by the forward pass) take part as zeros and stay undefined; since every rank runs the same
 * network, they are the same on every rank. Call inside a {@code PointerScope}.
 */
final class GradientBuckets {
    /** DDP's default bucket size. */
    static final long DEFAULT_CAP_BYTES = 25L << 20;

    private final WorkerGroup group;
    private final long capBytes;
    private long nanos;
    private long bytes;
    private int buckets;

    GradientBuckets(WorkerGroup group, long capBytes) {
        this.group = group;
        this.capBytes = capBytes;
    }

    void average(TensorVector parameters) {
        long start = System.nanoTime();
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
        nanos += System.nanoTime() - start;
    }

    private List<List<Tensor>> bucketsOf(TensorVector parameters) {
        List<List<Tensor>> out = new ArrayList<>();
        List<Tensor> current = new ArrayList<>();
        long size = 0;
        for (long i = parameters.size() - 1; i >= 0; i--) {
            Tensor p = parameters.get(i);
            long b = p.numel() * p.element_size();
            if (!current.isEmpty() && size + b > capBytes) {
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

    /** @return seconds spent averaging since the last call, bytes and buckets reduced; then starts counting anew */
    double[] takeTotals() {
        double[] totals = {nanos / 1e9, bytes, buckets};
        nanos = 0;
        bytes = 0;
        buckets = 0;
        return totals;
    }
}
