/**
 * Native memory: {@link org.voxarch.runtime.memory.NativeScope} is how runtime and command-line code frees the
 * libtorch memory of temporaries deterministically.
 */
package org.voxarch.runtime.memory;
