package org.voxarch.runtime.io.torch;

import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;

/**
 * A tensor as a pickle describes it ({@code torch._utils._rebuild_tensor_v2}): a view of a storage.
 *
 * @param storage the storage viewed
 * @param offset  first element, in elements
 * @param shape   sizes
 * @param stride  strides, in elements
 */
public record TensorRef(TorchStorage storage, long offset, long[] shape, long[] stride) {

    /** @return the tensor, a view of the storage's (shared) memory */
    public Tensor tensor() {
        return storage.data().as_strided(shape, stride, new LongOptional(offset));
    }
}
