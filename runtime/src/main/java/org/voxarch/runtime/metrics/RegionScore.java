package org.voxarch.runtime.metrics;

/**
 * The scores of one region in one case.
 *
 * @param region     the region's name
 * @param dice       2|A∩B| / (|A| + |B|), 1 when both are empty
 * @param hd95       95th percentile of the symmetric surface distances, 0 when either mask is empty
 * @param prediction voxels predicted in the region
 * @param reference  voxels of the region in the reference
 */
public record RegionScore(String region, double dice, double hd95, long prediction, long reference) {
}
