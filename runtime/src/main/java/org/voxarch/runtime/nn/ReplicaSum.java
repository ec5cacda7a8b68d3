package org.voxarch.runtime.nn;

import org.bytedeco.pytorch.Tensor;

/**
 * Sums tensors over the replicas of a data-parallel run, so that a layer can see the whole global batch (see
 * {@link BatchNorm3d#synchronise}). Every replica must make the same calls in the same order.
 */
public interface ReplicaSum {
    /**
     * Replaces {@code tensor} by its element-wise sum over the replicas, in place, outside autograd.
     *
     * @throws RuntimeException if the collective fails (e.g. another replica has stopped)
     */
    void sumInPlace(Tensor tensor);

    /**
     * As {@link #sumInPlace}, called from a gradient hook during backward, where an exception must not cross the
     * native autograd engine: a failure is kept (the tensor left as it is) and thrown by the next {@link
     * #rethrowBackwardFailure}.
     */
    void sumInBackward(Tensor tensor);

    /** Throws the failure of a {@link #sumInBackward} since the last call, if there was one. */
    void rethrowBackwardFailure();
}
