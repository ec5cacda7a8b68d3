/**
 * Whole-image prediction with patch networks: sliding windows with Gaussian weighting and mirror test-time
 * augmentation ({@link org.voxarch.runtime.infer.SlidingWindowPredictor}), and the way back from the preprocessed
 * grid to the original image ({@link org.voxarch.runtime.infer.ResultExporter}); {@link
 * org.voxarch.runtime.infer.CaseInference} chains preprocessing, prediction and export.
 */
package org.voxarch.runtime.infer;
