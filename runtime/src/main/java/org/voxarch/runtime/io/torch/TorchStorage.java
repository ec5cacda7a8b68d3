package org.voxarch.runtime.io.torch;

import static org.bytedeco.pytorch.global.torch.empty;

import java.util.function.Consumer;

import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;

/**
 * One storage of a checkpoint (a flat array that tensors view), read from the file the first time a tensor needs
 * it. Every tensor of one storage views the same native memory, so aliased parameters stay aliased.
 */
public final class TorchStorage {
    private final String key;
    private final TorchDtype dtype;
    private final long elements;
    private final Consumer<Tensor> loader;
    private Tensor data;

    /**
     * @param loader fills a fresh 1-D tensor of {@code elements} values with the storage's bytes
     */
    TorchStorage(String key, TorchDtype dtype, long elements, Consumer<Tensor> loader) {
        this.key = key;
        this.dtype = dtype;
        this.elements = elements;
        this.loader = loader;
    }

    /** @return the storage's key in the file (the zip entry {@code data/<key>}) */
    public String key() {
        return key;
    }

    public TorchDtype dtype() {
        return dtype;
    }

    /** @return the number of elements */
    public long elements() {
        return elements;
    }

    /**
     * @return the storage's contents as a 1-D tensor, read on first use and the same tensor afterwards (so use one
     *         checkpoint within one {@code PointerScope}: the tensor dies with the scope it was read in)
     */
    public Tensor data() {
        if (data == null) {
            Tensor t = empty(new long[] {elements}, new TensorOptions(dtype.scalarType()), new MemoryFormatOptional());
            loader.accept(t);
            data = t;
        }
        return data;
    }
}
