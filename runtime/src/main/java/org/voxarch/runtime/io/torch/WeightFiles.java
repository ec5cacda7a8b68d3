package org.voxarch.runtime.io.torch;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.io.Safetensors;
import org.voxarch.runtime.io.TensorFile;

/** A state dict from any weights file voxarch reads, told apart by content, not name. */
public final class WeightFiles {
    private WeightFiles() {
    }

    /**
     * @return the state dict of a safetensors file, or of a {@code torch.save} file ({@code .model}, {@code .pth},
     *         {@code .pt}: a bare state dict or a dict holding one under {@code state_dict}, {@code model} or
     *         {@code network_weights})
     * @throws org.voxarch.runtime.io.TensorFileException naming the file
     */
    public static LinkedHashMap<String, Tensor> readStateDict(Path file) {
        return read(file).tensors();
    }

    /** The state dict with the file's metadata: a safetensors header's, or none for a {@code torch.save} file. */
    public static TensorFile read(Path file) {
        if (TorchCheckpoint.looksLikeTorchFile(file)) {
            try (TorchCheckpoint checkpoint = TorchCheckpoint.open(file)) {
                return new TensorFile(checkpoint.stateDict(), Map.of(), file);
            }
        }
        return Safetensors.read(file);
    }
}
