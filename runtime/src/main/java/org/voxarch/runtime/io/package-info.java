/**
 * Getting tensors in and out of modules and files: PyTorch-ordered state dicts ({@link
 * org.voxarch.runtime.io.StateDict}), the safetensors format ({@link org.voxarch.runtime.io.Safetensors}),
 * libtorch archives ({@link org.voxarch.runtime.io.Checkpoints}) and the formula weights of the parity fixtures
 * ({@link org.voxarch.runtime.io.DeterministicWeights}).
 */
package org.voxarch.runtime.io;
