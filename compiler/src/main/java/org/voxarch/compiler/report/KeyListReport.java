package org.voxarch.compiler.report;

import org.voxarch.compiler.ir.NetworkIr;
import org.voxarch.compiler.model.StateKey;

/**
 * The state-dict keys a network's spec predicts, in PyTorch's order, in the layout of the reference key lists
 * ({@code key<TAB>shape}), so the two can be compared with {@code diff}.
 */
public final class KeyListReport {
    private KeyListReport() {
    }

    /**
     * One line per state-dict entry (parameters, buffers and the second names of aliased tensors):
     * {@code unetr_pp_encoder.downsample_layers.0.0.conv.weight\t[32, 1, 2, 4, 4]\n}. Nothing else.
     */
    public static String render(NetworkIr model) {
        StringBuilder out = new StringBuilder();
        for (StateKey key : model.stateKeys()) {
            out.append(key.key()).append('\t').append(key.shapeText()).append('\n');
        }
        return out.toString();
    }
}
