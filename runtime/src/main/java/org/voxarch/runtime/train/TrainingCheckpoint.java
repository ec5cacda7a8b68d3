package org.voxarch.runtime.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.OutputArchive;
import org.voxarch.runtime.io.AtomicFiles;
import org.voxarch.runtime.io.ModuleArchives;
import org.voxarch.runtime.io.TensorFileException;
import org.voxarch.runtime.memory.NativeScope;
import org.voxarch.runtime.nn.ArchModule;

/**
 * A complete training checkpoint in one libtorch archive, written atomically: {@code model} (every parameter and
 * buffer, as {@code torch::save} of the module), {@code optimizer} (SGD's momentum buffers and settings, as
 * {@code torch::save} of the optimizer) and {@code state} (a {@link TrainingState} as a JSON string). One file,
 * so the three can never come from different epochs.
 */
public final class TrainingCheckpoint {
    /** The checkpoint the trainer overwrites after every epoch, in the output directory. */
    public static final String LATEST = "checkpoint_latest.pt";

    private static final String MODEL = "model";
    private static final String OPTIMIZER = "optimizer";
    private static final String STATE = "state";

    private TrainingCheckpoint() {
    }

    /**
     * Writes a checkpoint, replacing {@code file} atomically: after a crash it holds the previous checkpoint or this
     * one, never a mixture or a truncated file.
     *
     * @throws TensorFileException naming the file if it cannot be written
     */
    public static void save(Path file, ArchModule network, Optimizer optimizer, TrainingState state) {
        save(file, network, optimizer, state, () -> { });
    }

    /** As {@link #save(Path, ArchModule, Optimizer, TrainingState)}, running {@code beforeMove} just before the rename. */
    static void save(Path file, ArchModule network, Optimizer optimizer, TrainingState state, Runnable beforeMove) {
        try {
            AtomicFiles.write(file, temporary -> {
                // The archives and their copies of the tensors are freed afterwards; the network keeps its own.
                NativeScope.run(() -> {
                    OutputArchive root = new OutputArchive();
                    OutputArchive model = new OutputArchive();
                    network.save(model);
                    root.write(MODEL, model);
                    OutputArchive sgd = new OutputArchive();
                    optimizer.save(sgd);
                    root.write(OPTIMIZER, sgd);
                    root.write(STATE, new IValue(state.toJson()));
                    root.save_to(temporary.toString());
                });
            }, beforeMove);
        } catch (IOException | RuntimeException e) {
            throw new TensorFileException(file, "cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * Restores weights and optimizer state from {@code file} into {@code network} and {@code optimizer} (which
     * must have the same structure as when it was written), moving tensors to {@code device}.
     *
     * @param check      sees the stored state before anything is restored, and may refuse it by throwing
     * @return the stored training state
     * @throws TensorFileException naming the file if it is missing or not a training checkpoint
     * @throws org.voxarch.runtime.io.StateDictMismatchException if the weights do not fit {@code network}
     */
    public static TrainingState load(Path file, ArchModule network, Optimizer optimizer, Device device,
                                     Consumer<TrainingState> check) {
        return NativeScope.get(() -> {
            InputArchive root = ModuleArchives.open(file, device);
            TrainingState state = readState(file, root);
            check.accept(state);
            InputArchive model = new InputArchive();
            InputArchive sgd = new InputArchive();
            if (!root.try_read(MODEL, model) || !root.try_read(OPTIMIZER, sgd)) {
                throw new TensorFileException(file, "is not a training checkpoint (no model or optimizer entry)");
            }
            ModuleArchives.load(network, model, file);
            optimizer.load(sgd);
            return state;
        });
    }

    /**
     * Reads only the training state (epoch, history) of a checkpoint.
     *
     * @throws TensorFileException naming the file if it is missing or not a training checkpoint
     */
    public static TrainingState readState(Path file) {
        return NativeScope.get(() -> readState(file, ModuleArchives.open(file, null)));
    }

    private static TrainingState readState(Path file, InputArchive root) {
        IValue value = new IValue();
        if (!root.try_read(STATE, value) || !value.isString()) {
            throw new TensorFileException(file, "is not a training checkpoint (no state entry)");
        }
        try {
            return TrainingState.fromJson(value.toStringRef().getString());
        } catch (IllegalArgumentException e) {
            throw new TensorFileException(file, "has an unreadable training state: " + e.getMessage(), e);
        }
    }
}
