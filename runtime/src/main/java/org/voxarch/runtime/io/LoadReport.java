package org.voxarch.runtime.io;

import java.util.List;

/**
 * What {@link StateDict#load} did.
 *
 * @param loaded number of distinct tensors copied (an alias pair counts once)
 * @param leftUnchanged keys absent from the source that are allowed to be ({@code num_batches_tracked})
 */
public record LoadReport(int loaded, List<String> leftUnchanged) {
    /** Copies the list so the report cannot change later. */
    public LoadReport {
        leftUnchanged = List.copyOf(leftUnchanged);
    }
}
