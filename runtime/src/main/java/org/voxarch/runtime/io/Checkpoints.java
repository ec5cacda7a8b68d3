package org.voxarch.runtime.io;

import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.pytorch.OutputArchive;
import org.voxarch.runtime.memory.NativeScope;
import org.voxarch.runtime.nn.ArchModule;

/**
 * Module weights in libtorch's own archive format ({@code torch::save} of a module: one nested archive per child,
 * parameters and buffers under their registered names). Aliases are not stored; they share their target's tensors.
 */
public final class Checkpoints {
    private Checkpoints() {
    }

    /**
     * Saves every parameter and buffer of {@code module}; {@code file} is replaced atomically, so a crash leaves the
     * previous checkpoint intact.
     *
     * @throws TensorFileException naming the file if it cannot be written
     */
    public static void save(ArchModule module, Path file) {
        try {
            AtomicFiles.write(file, temporary -> NativeScope.run(() -> {
                OutputArchive archive = new OutputArchive();
                module.save(archive);
                archive.save_to(temporary.toString());
            }));
        } catch (IOException | RuntimeException e) {
            throw new TensorFileException(file, "cannot be written: " + ModuleArchives.firstLine(e), e);
        }
    }

    /**
     * Loads a checkpoint written by {@link #save} into {@code module} (converting dtype and device to the module's).
     * Everything is checked before anything is copied, as in {@link StateDict#load}.
     *
     * @return how many tensors were loaded
     * @throws TensorFileException naming the file if it is missing or not a libtorch archive
     * @throws StateDictMismatchException if the archive's tensors do not fit the module
     */
    public static LoadReport load(ArchModule module, Path file) {
        return NativeScope.get(() -> ModuleArchives.load(module, ModuleArchives.open(file, null), file));
    }
}
