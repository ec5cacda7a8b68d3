package org.voxarch.runtime.io;

import org.bytedeco.pytorch.Tensor;

/**
 * One key of a state dict.
 *
 * @param key the dotted name, e.g. {@code decoder5.transp_conv.conv.weight}
 * @param tensor the module's own tensor (not a copy)
 * @param buffer true for buffers, false for parameters
 * @param aliasOf when the same tensor was already listed under an earlier key, that key; else null
 */
public record StateEntry(String key, Tensor tensor, boolean buffer, String aliasOf) {
    /** @return the key's last component, e.g. {@code weight} */
    public String leaf() {
        return key.substring(key.lastIndexOf('.') + 1);
    }
}
