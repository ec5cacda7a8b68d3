package org.voxarch.runtime.data;

/**
 * How one input channel is normalised, with the dataset statistics CT normalisation needs.
 *
 * @param modality      as in dataset.json
 * @param normalization the scheme
 * @param useMask       z-score only inside the non-zero mask, outside set to 0
 * @param mean          foreground mean over the training set (CT only; 0 otherwise)
 * @param std           foreground standard deviation (CT only)
 * @param lower         0.5th percentile of the foreground intensities (CT clip floor)
 * @param upper         99.5th percentile (CT clip ceiling)
 * @param samples       how many foreground voxels the statistics come from (every 10th per case)
 */
public record ChannelPlan(String modality, Normalization normalization, boolean useMask, double mean, double std,
        double lower, double upper, long samples) {
}
