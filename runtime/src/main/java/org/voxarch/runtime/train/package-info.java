/**
 * Training with UNETR++'s nnU-Net v1 recipe.
 *
 * <ul>
 *   <li>Data: {@link org.voxarch.runtime.train.PatchSampler} (where a patch lies, foreground oversampling),
 *       {@link org.voxarch.runtime.train.Augmentations} (the "moreDA" pipeline: one small record per transform, its
 *       probabilities as data) and {@link org.voxarch.runtime.train.BatchLoader} (background threads, batches
 *       determined by seed, epoch and iteration alone).</li>
 *   <li>Optimisation: {@link org.voxarch.runtime.train.DeepSupervisionLoss} over
 *       {@link org.voxarch.runtime.train.DiceCrossEntropyLoss}, SGD with the
 *       {@link org.voxarch.runtime.train.PolySchedule}, {@link org.voxarch.runtime.train.GradientClipping}.</li>
 *   <li>The loop: {@link org.voxarch.runtime.train.Trainer}, configured by
 *       {@link org.voxarch.runtime.train.TrainConfig}; online validation with
 *       {@link org.voxarch.runtime.train.OnlineDice}; per-epoch {@link org.voxarch.runtime.train.TrainingCheckpoint}
 *       (atomic, exact resume), {@link org.voxarch.runtime.train.CsvLog} and
 *       {@link org.voxarch.runtime.train.CurvePlot}; {@link org.voxarch.runtime.train.TrainingListener} for front
 *       ends; {@link org.voxarch.runtime.train.TrainingThroughput} for benchmarks.</li>
 * </ul>
 *
 * <p>Volumes are row-major (z, y, x) float arrays as in {@link org.voxarch.runtime.data.PreprocessedCase}; the
 * augmentations work on Java arrays so loader threads never touch libtorch.
 */
package org.voxarch.runtime.train;
