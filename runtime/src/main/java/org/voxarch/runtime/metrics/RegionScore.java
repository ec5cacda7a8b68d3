package org.voxarch.runtime.metrics;

/**
 * The scores of one region in one case.
 *
 * @param region     the region's name
 * @param dice       2|A∩B| / (|A| + |B|), 1 when both are empty
 * @param hd95       95th percentile of the symmetric surface distances; NaN (missing) when the prediction misses
 *                   a region the reference has, 0 when the reference is empty (see {@link SegmentationMetrics})
 * @param prediction voxels predicted in the region
 * @param reference  voxels of the region in the reference
 */
public record RegionScore(String region, double dice, double hd95, long prediction, long reference) {

    /** @return whether HD95 is undefined here (NaN) */
    public boolean hd95Missing() {
        return Double.isNaN(hd95);
    }
}
