/**
 * Neural-network building blocks on libtorch.
 *
 * <p>{@link org.voxarch.runtime.nn.ArchModule} is the base of every module: it registers parameters, buffers and
 * children with libtorch (so {@code parameters()}, {@code train()/eval()}, {@code to(device)} and the optimisers
 * work) and also remembers the registration order, which libtorch does not expose in the form PyTorch's
 * {@code state_dict} needs. The primitives ({@link org.voxarch.runtime.nn.Conv3d}, {@link
 * org.voxarch.runtime.nn.BatchNorm3d}, ...) hold their tensors directly under PyTorch's names and compute with the
 * functional ops, so names, default initialisation and weight sharing are fully under our control.
 *
 * <p>Ownership: a module owns its parameters, buffers and children and frees them all with {@code close()}. Create
 * modules outside any {@link org.voxarch.runtime.memory.NativeScope}; a module allocated inside one is freed when
 * it ends. Tensors returned by {@code forward} are ordinary temporaries and may live in a scope.
 */
package org.voxarch.runtime.nn;
