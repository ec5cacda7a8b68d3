package org.voxarch.runtime.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bytedeco.pytorch.Tensor;

/**
 * The contents of a safetensors file.
 *
 * @param tensors the tensors in the header's order; each owns its memory (on the CPU)
 * @param metadata the {@code __metadata__} strings (empty when the file has none)
 * @param source the file they were read from, for error messages; may be null
 */
public record TensorFile(LinkedHashMap<String, Tensor> tensors, Map<String, String> metadata, Path source) {

    /** Contents not tied to a file. */
    public TensorFile(LinkedHashMap<String, Tensor> tensors, Map<String, String> metadata) {
        this(tensors, metadata, null);
    }

    /**
     * @return the tensor called {@code name}
     * @throws TensorFileException naming the file when there is no such tensor
     */
    public Tensor require(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new TensorFileException(source, "no tensor named '" + name + "'; the file holds "
                    + StateDict.listKeys(tensors.keySet()));
        }
        return t;
    }

    /**
     * @return the metadata value of {@code key}
     * @throws TensorFileException naming the file when the metadata has no such key
     */
    public String requireMetadata(String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new TensorFileException(source, "no metadata entry '" + key + "'; it has "
                    + StateDict.listKeys(metadata.keySet()));
        }
        return v;
    }
}
