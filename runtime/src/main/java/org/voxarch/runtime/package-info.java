/**
 * The voxarch runtime: what code generated from {@code .arch} specs calls at run time on libtorch (Bytedeco).
 *
 * <ul>
 *   <li>{@link org.voxarch.runtime.nn}: modules with PyTorch-compatible parameter names, initialisation, tensor ops;</li>
 *   <li>{@link org.voxarch.runtime.io}: state dicts, safetensors, checkpoints, the deterministic fixture weights;</li>
 *   <li>{@link org.voxarch.runtime.memory}: the one native-memory policy (scopes for temporaries, owners close);</li>
 *   <li>{@link org.voxarch.runtime.Devices}: choosing where tensors live.</li>
 * </ul>
 */
package org.voxarch.runtime;
