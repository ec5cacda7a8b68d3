package org.voxarch.runtime.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.StringVector;
import org.bytedeco.pytorch.Tensor;
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
            AtomicFiles.write(file, temporary -> {
                OutputArchive archive = new OutputArchive();
                try {
                    module.save(archive);
                    archive.save_to(temporary.toString());
                } finally {
                    archive.close();
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new TensorFileException(file, "cannot be written: " + firstLine(e), e);
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
        if (!Files.isRegularFile(file)) {
            throw new TensorFileException(file, "no such file");
        }
        InputArchive archive = new InputArchive();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try {
            archive.load_from(file.toString());
            flatten(archive, "", tensors);
        } catch (RuntimeException e) {
            throw new TensorFileException(file, "cannot be read as a libtorch archive: " + firstLine(e), e);
        } finally {
            archive.close();
        }
        return StateDict.load(module, tensors);
    }

    /**
     * Flattens an archive level into dotted keys, as a state dict. Attributes that are neither tensors nor nested
     * archives (TorchScript's {@code training} flag) hold no weights and are skipped.
     */
    private static void flatten(InputArchive archive, String prefix, Map<String, Tensor> out) {
        StringVector keys = archive.keys();
        for (long i = 0; i < keys.size(); i++) {
            String key = keys.get(i).getString();
            Tensor t = new Tensor();
            if (archive.try_read(key, t)) {
                out.put(prefix + key, t);
                continue;
            }
            InputArchive child = new InputArchive();
            if (archive.try_read(key, child)) {
                flatten(child, prefix + key + ".", out);
            }
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
