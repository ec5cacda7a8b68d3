package org.voxarch.runtime.io.torch;

import java.nio.file.Path;
import java.util.LinkedHashMap;

import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.io.Safetensors;

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
        if (TorchCheckpoint.looksLikeTorchFile(file)) {
            try (TorchCheckpoint checkpoint = TorchCheckpoint.open(file)) {
                return checkpoint.stateDict();
            }
        }
        return Safetensors.read(file).tensors();
    }
}
