package org.voxarch.runtime.data;

/**
 * How a preprocessed case relates to its original image: the original grid and geometry, and the box it was
 * cropped to (before resampling), so that predictions can be put back voxel for voxel.
 *
 * @param originalShape   (z, y, x) of the image as read
 * @param originalSpacing (z, y, x) spacing as read, in mm
 * @param cropStart       first voxel (z, y, x) of the non-zero box in the original grid
 * @param cropShape       (z, y, x) size of that box
 * @param geometry        the original image's world geometry, for writing results
 */
public record CaseProperties(int[] originalShape, double[] originalSpacing, int[] cropStart, int[] cropShape,
        Geometry geometry) {

    public CaseProperties {
        originalShape = originalShape.clone();
        originalSpacing = originalSpacing.clone();
        cropStart = cropStart.clone();
        cropShape = cropShape.clone();
    }
}
