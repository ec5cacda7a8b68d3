package org.voxarch.runtime.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.StringVector;
import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.nn.ArchModule;

/**
 * Reading libtorch archives ({@code torch::save}): opening a file with clear errors, and loading a module's nested
 * archive (one archive per child, tensors under their registered names) into an {@link ArchModule}. Call these inside
 * a {@link org.voxarch.runtime.memory.NativeScope}: the archives and the tensors read from them are temporaries.
 */
public final class ModuleArchives {
    private ModuleArchives() {
    }

    /**
     * Opens an archive file.
     *
     * @param device where its tensors go, or null for where they were saved
     * @throws TensorFileException naming the file if it is missing or not a libtorch archive
     */
    public static InputArchive open(Path file, Device device) {
        if (!Files.isRegularFile(file)) {
            throw new TensorFileException(file, "no such file");
        }
        InputArchive archive = new InputArchive();
        try {
            if (device == null) {
                archive.load_from(file.toString());
            } else {
                archive.load_from(file.toString(), new DeviceOptional(device));
            }
        } catch (RuntimeException e) {
            archive.close();
            throw new TensorFileException(file, "cannot be read as a libtorch archive: " + firstLine(e), e);
        }
        return archive;
    }

    /**
     * Loads a module's archive (as {@code torch::save} of a module writes it) into {@code module}, converting dtype
     * and device to the module's. Everything is checked before anything is copied, as in {@link StateDict#load}.
     *
     * @param file the archive's file, for messages
     * @return how many tensors were loaded
     * @throws TensorFileException naming the file if the archive cannot be read
     * @throws StateDictMismatchException if the archive's tensors do not fit the module
     */
    public static LoadReport load(ArchModule module, InputArchive archive, Path file) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try {
            flatten(archive, "", tensors);
        } catch (RuntimeException e) {
            throw new TensorFileException(file, "cannot be read as a libtorch archive: " + firstLine(e), e);
        }
        return StateDict.load(module, tensors);
    }

    /**
     * Flattens an archive level into dotted keys, as a state dict. Attributes that are neither tensors nor nested
     * archives (TorchScript's {@code training} flag) hold no weights and are skipped. Child archives are closed
     * here; the tensors read from them stay valid.
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
            t.close();
            try (InputArchive child = new InputArchive()) {
                if (archive.try_read(key, child)) {
                    flatten(child, prefix + key + ".", out);
                }
            }
        }
    }

    /** @return the first line of an exception's message (libtorch's carry a C++ backtrace after it) */
    static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
