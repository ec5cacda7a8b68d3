package org.voxarch.runtime.data;

/** How image intensities are normalised (nnU-Net v1's schemes). */
public enum Normalization {
    /**
     * CT: clip to the 0.5th and 99.5th percentiles of the foreground intensities over the training set, then
     * z-score with the training set's foreground mean and standard deviation. Hounsfield units mean the same in
     * every scan, so one set of statistics serves all.
     */
    CT,
    /**
     * MRI and other non-quantitative images: z-score each image with its own mean and standard deviation,
     * {@code (x − mean) / (std + 1e-8)}; optionally only inside the non-zero mask, the outside set to 0.
     */
    Z_SCORE;

    /** @return CT for a modality named "CT" (any case), else z-scoring */
    public static Normalization forModality(String modality) {
        return modality.trim().equalsIgnoreCase("CT") ? CT : Z_SCORE;
    }
}
