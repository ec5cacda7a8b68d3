/**
 * Data in and out of the networks: NIfTI-1 reading and writing ({@link org.voxarch.runtime.data.Nifti}), datasets
 * in the Medical Segmentation Decathlon layout ({@link org.voxarch.runtime.data.MsdDataset}), the benchmark
 * configurations ({@link org.voxarch.runtime.data.Benchmarks}), nnU-Net v1 style preprocessing
 * ({@link org.voxarch.runtime.data.DatasetPlanner}, {@link org.voxarch.runtime.data.Preprocessor},
 * {@link org.voxarch.runtime.data.Resampling}) with an on-disk cache
 * ({@link org.voxarch.runtime.data.PreprocessedDataset}), and two ready-made datasets: a synthetic one and one built
 * from the Colin27 brain with the AAL atlas.
 *
 * <p>Volumes are row-major {@code [z][y][x]} (x fastest, NIfTI's order); shapes and spacings are (z, y, x).
 */
package org.voxarch.runtime.data;
