package org.voxarch.runtime.data;

import java.util.List;

/**
 * A case read from disk: its image channels on one grid and, if labelled, its label map on the same grid.
 *
 * @param source   where it came from
 * @param channels one volume per modality, all on the same grid
 * @param labels   the label map, or null
 */
public record LoadedCase(DatasetCase source, List<Volume> channels, Volume labels) {

    public LoadedCase {
        channels = List.copyOf(channels);
    }

    /** @return the case name */
    public String id() {
        return source.id();
    }

    /** @return the first channel, whose grid and geometry every channel and the labels share */
    public Volume reference() {
        return channels.get(0);
    }
}
