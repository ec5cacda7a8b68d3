/**
 * PyTorch's {@code torch.save} files and nnU-Net v1's {@code .model}/{@code .model.pkl} pairs, read and written
 * without Python and without executing anything from them.
 *
 * <p>A pickle is a program for a stack machine whose {@code GLOBAL} opcode names any Python callable; reading one
 * with a general unpickler is running code from the file. {@link org.voxarch.runtime.io.torch.Unpickler} is a small
 * interpreter of protocols 2 to 5 written for this package instead of {@code net.razorvine:pickle}: it knows a fixed
 * allow-list of globals (the tensor and storage rebuilders, {@code collections.OrderedDict}, numpy's array, dtype
 * and scalar constructors, {@code _codecs.encode}) and reports any other by name. Razorvine would have needed the
 * same list of constructors written against its API, plus an extra dependency and a way to switch off its default
 * of turning unknown globals into dictionaries; libtorch's {@code pickle_load} rejects the numpy globals nnU-Net's
 * files hold. What a tensor needs (a storage key, offset, shape, strides) comes out as plain data; storages are read
 * lazily, only for the tensors asked for, so the optimizer state of a checkpoint is never loaded.
 */
package org.voxarch.runtime.io.torch;
