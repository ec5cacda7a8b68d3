package org.voxarch.runtime.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * Base class of every voxarch module.
 *
 * <p>Each {@code register*} call does two things: it registers with libtorch (so {@code parameters()},
 * {@code train()}/{@code eval()}, {@code to(device)} and the optimisers see the tensor or child) and it appends an
 * {@link Entry} to an ordered list. libtorch keeps parameters, buffers and children in separate dictionaries; the
 * list is what lets {@link org.voxarch.runtime.io.StateDict} reproduce PyTorch's {@code state_dict} order and
 * weight sharing ({@link #registerAlias}).
 *
 * <p>A module owns its parameters, buffers and children: {@link #close} frees all of them at once. Create modules
 * outside any {@link org.voxarch.runtime.memory.NativeScope}: a module allocated inside one is freed when it ends.
 */
public class ArchModule extends Module implements AutoCloseable {

    /** What an {@link Entry} holds. */
    public enum Kind {
        /** A trainable tensor ({@code register_parameter}). */
        PARAM,
        /** A non-trainable tensor that is still saved ({@code register_buffer}). */
        BUFFER,
        /** A child module registered with libtorch. */
        CHILD,
        /** A second name for a module that is registered elsewhere; not known to libtorch. */
        ALIAS
    }

    /**
     * One registration, in the order it happened.
     *
     * @param kind what was registered
     * @param name the local name (no dots)
     * @param value the {@link Tensor} for PARAM/BUFFER, the {@link ArchModule} for CHILD/ALIAS
     */
    public record Entry(Kind kind, String name, Object value) {
        /** @return the tensor of a PARAM or BUFFER entry */
        public Tensor tensor() {
            if (kind != Kind.PARAM && kind != Kind.BUFFER) {
                throw new IllegalStateException(name + " is a " + kind + ", not a tensor");
            }
            return (Tensor) value;
        }

        /** @return the module of a CHILD or ALIAS entry */
        public ArchModule module() {
            if (kind != Kind.CHILD && kind != Kind.ALIAS) {
                throw new IllegalStateException(name + " is a " + kind + ", not a module");
            }
            return (ArchModule) value;
        }
    }

    private final String typeName;
    private final List<Entry> entries = new ArrayList<>();

    /**
     * @param typeName the module's type, e.g. {@code "Conv3d"}; libtorch uses it when printing the module
     */
    protected ArchModule(String typeName) {
        super(typeName);
        this.typeName = typeName;
    }

    /** @return the type name given at construction */
    public final String typeName() {
        return typeName;
    }

    /**
     * Registers a child module under {@code name}.
     *
     * @return {@code child} itself, so a field can be initialised in one statement
     */
    protected final <M extends ArchModule> M registerChild(String name, M child) {
        checkName(name);
        Objects.requireNonNull(child, "child");
        register_module(name, child);
        entries.add(new Entry(Kind.CHILD, name, child));
        return child;
    }

    /**
     * Registers a trainable parameter (libtorch sets {@code requires_grad}). Pass a fresh leaf tensor.
     *
     * @return {@code value} itself, which now is the parameter
     */
    protected final Tensor registerParam(String name, Tensor value) {
        checkName(name);
        Objects.requireNonNull(value, "value");
        // libtorch stores a handle to the same TensorImpl and returns a reference into its dictionary, which a
        // later registration may reallocate; returning our own handle avoids holding that reference.
        register_parameter(name, value, true);
        entries.add(new Entry(Kind.PARAM, name, value));
        return value;
    }

    /**
     * Registers a buffer: saved and moved with the module, never trained.
     *
     * @return {@code value} itself
     */
    protected final Tensor registerBuf(String name, Tensor value) {
        checkName(name);
        Objects.requireNonNull(value, "value");
        register_buffer(name, value);
        entries.add(new Entry(Kind.BUFFER, name, value));
        return value;
    }

    /**
     * Gives a module registered elsewhere a second name, as PyTorch does for {@code self.E = self.F = Linear(..)}.
     * libtorch does not learn of the alias, so {@code parameters()} and the optimisers see each tensor once, but the
     * state dict lists the target's tensors again under {@code name}, at this position.
     *
     * @return {@code target} itself
     */
    protected final <M extends ArchModule> M registerAlias(String name, M target) {
        checkName(name);
        Objects.requireNonNull(target, "target");
        entries.add(new Entry(Kind.ALIAS, name, target));
        return target;
    }

    /** @return this module's own registrations, in order (unmodifiable) */
    public final List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** @return true in training mode (set with {@code train(true)}/{@code eval()}, which reach all children) */
    public boolean isTraining() {
        return is_training();
    }

    /**
     * Frees the native memory of this module, its children (not its aliases, which their owner frees), parameters
     * and buffers now rather than at some later garbage collection. The module and every tensor it handed out
     * (parameters, a child's fields) are unusable afterwards; closing again does nothing.
     */
    @Override
    public void close() {
        if (isNull()) {
            return;
        }
        for (Entry e : entries) {
            switch (e.kind()) {
                case CHILD -> e.module().close();
                case PARAM, BUFFER -> e.tensor().close();
                case ALIAS -> { }
                default -> throw new AssertionError(e.kind());
            }
        }
        // libtorch's own handles on the children and tensors go with the module's.
        super.close();
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("a registered name must be non-empty and contain no '.': " + name);
        }
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                throw new IllegalArgumentException(typeName + " already has a " + e.kind() + " named " + name);
            }
        }
    }
}
