/**
 * Scoring segmentations: Dice and HD95 per class or region ({@link org.voxarch.runtime.metrics.SegmentationMetrics}),
 * reports over many cases ({@link org.voxarch.runtime.metrics.EvaluationReport}) and overlay pictures
 * ({@link org.voxarch.runtime.metrics.Overlay}).
 */
package org.voxarch.runtime.metrics;
