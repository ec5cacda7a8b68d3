package org.voxarch.runtime.nn;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * The native objects one generated {@code forward} makes, freed as soon as no local of the forward holds them: a
 * statement's temporaries when the statement ends ({@link #bind}), a local's old value when the local is assigned
 * again ({@link #rebind}), everything else when the forward returns ({@link #close}), except its results, which
 * pass to the caller's scope ({@link #keep}). Without it every intermediate of a whole network stays alive until
 * the caller's scope closes (a Synapse forward held all its activations at once); with it memory follows the
 * locals, as in PyTorch. Autograd keeps what backward needs by its own reference counts, so freeing the Java
 * handles is safe in training too.
 *
 * <p>Only objects made inside the forward are ever freed here: an input or a module's field, bound to a local or
 * returned, is left as it was. A local bound twice to one object (an alias) keeps it until both are reassigned.
 * With no enclosing scope a result is left to the garbage collector, as it would have been.
 *
 * <p>Switch: {@code -Dvoxarch.forwardScopes=false} (or {@code voxarch.kernels.plain}) or {@link #enable}; off,
 * every method returns its argument and everything lives until the caller's scope closes.
 */
public final class ForwardScope {
    private static volatile boolean enabled = !Boolean.getBoolean("voxarch.kernels.plain")
            && Boolean.parseBoolean(System.getProperty("voxarch.forwardScopes", "true"));
    private static final ForwardScope OFF = new ForwardScope(null);

    private final Tracking scope;

    private ForwardScope(Tracking scope) {
        this.scope = scope;
    }

    /** Switches per-forward scopes on or off (off: intermediates live until the caller's scope closes). */
    public static void enable(boolean on) {
        enabled = on;
    }

    /** @return true when generated forwards free their intermediates early */
    public static boolean enabled() {
        return enabled;
    }

    /** Opens a scope on this thread for one forward; {@link #close} it in a {@code finally}. */
    public static ForwardScope open() {
        return enabled ? new ForwardScope(new Tracking(PointerScope.getInnerScope())) : OFF;
    }

    /**
     * A primitive layer turned {@code input} into {@code output}: when {@code input} is a temporary of the innermost
     * forward's current statement (no local holds it, so nothing else reads it), it is freed now rather than at
     * the statement's end, as Python frees {@code conv} in {@code norm(conv(x))} once {@code norm} has it. Not when
     * {@code output} is {@code input} itself or may point into it.
     */
    static void consumed(Tensor input, Tensor output) {
        if (enabled && input != output && PointerScope.getInnerScope() instanceof Tracking t
                && output.referenceCount() >= 0) {
            t.consumed(input);
        }
    }

    /**
     * @return true when {@code input} is a temporary of the innermost forward's current statement that no local
     *     holds, so the layer reading it is its last reader (what {@link #consumed} would free)
     */
    static boolean unreadAfter(Tensor input) {
        return enabled && PointerScope.getInnerScope() instanceof Tracking t && t.unreadAfter(input);
    }

    /** A statement's result assigned to a new local: frees the statement's other temporaries. @return value */
    public Tensor bind(Tensor value) {
        if (scope != null) {
            scope.bind(value);
            scope.endStatement();
        }
        return value;
    }

    /** A statement's results, each assigned to a local next ({@link #replace} for a reassigned one). */
    public Tensor[] bind(Tensor[] values) {
        if (scope != null) {
            for (Tensor v : values) {
                scope.bind(v);
            }
            scope.endStatement();
        }
        return values;
    }

    /** A statement's result assigned to a local that held {@code old}: also releases {@code old}. */
    public Tensor rebind(Tensor old, Tensor value) {
        if (scope != null) {
            scope.bind(value);
            scope.unbind(old);
            scope.endStatement();
        }
        return value;
    }

    /** One of {@link #bind(Tensor[])}'s results assigned to a local that held {@code old}: releases {@code old}. */
    public Tensor replace(Tensor old, Tensor value) {
        if (scope != null) {
            scope.unbind(old);
        }
        return value;
    }

    /** Hands {@code result} to the caller's scope (when this forward made it). @return {@code result} */
    public Tensor keep(Tensor result) {
        if (scope != null) {
            scope.handOut(result);
        }
        return result;
    }

    /** Hands every one of {@code results} to the caller's scope. @return {@code results} */
    public Tensor[] keep(Tensor[] results) {
        for (Tensor t : results) {
            keep(t);
        }
        return results;
    }

    /** Frees what the forward made and did not return. */
    public void close() {
        if (scope != null) {
            scope.close();
        }
    }

    /** What one forward owns: every native object attached since it opened and not freed yet. */
    private static final class Tracking extends PointerScope {
        /** References this scope holds on an object, and how many locals are bound to it. */
        private static final class Held {
            int references;
            int locals;
            /** Made (or handed in) during the current statement. */
            boolean thisStatement;
        }

        private final PointerScope outer;
        private final Map<Pointer, Held> held = new IdentityHashMap<>();
        private final List<Pointer> sinceStatement = new ArrayList<>();
        private boolean borrowed;

        Tracking(PointerScope outer) {
            this.outer = outer;
        }

        /** Called by JavaCPP for each object made while this is the innermost scope, and by an inner forward's keep. */
        @Override
        public PointerScope attach(Pointer p) {
            p.retainReference();
            Held h = held.get(p);
            if (h == null) {
                h = new Held();
                held.put(p, h);
                sinceStatement.add(p);
                h.thisStatement = true;
            }
            h.references++;
            return this;
        }

        void consumed(Pointer p) {
            if (unreadAfter(p)) {
                free(p);
            }
        }

        boolean unreadAfter(Pointer p) {
            Held h = held.get(p);
            return h != null && h.locals <= 0 && h.thisStatement && !borrowed;
        }

        void bind(Pointer p) {
            Held h = held.get(p);
            if (h != null) {
                h.locals++;
            } else if (p != null && p.referenceCount() < 0) {
                // No deallocator: a reference into some other object, perhaps one of this statement's temporaries.
                borrowed = true;
            }
        }

        void unbind(Pointer p) {
            Held h = held.get(p);
            if (h != null && --h.locals <= 0) {
                free(p);
            }
        }

        /** Frees what the statement made that no local holds (unless a local borrows from it: then at close). */
        void endStatement() {
            for (Pointer p : sinceStatement) {
                Held h = held.get(p);
                if (h == null) {
                    continue;
                }
                h.thisStatement = false;
                if (h.locals <= 0 && !borrowed) {
                    free(p);
                }
            }
            sinceStatement.clear();
            borrowed = false;
        }

        void handOut(Pointer p) {
            if (p == null || !held.containsKey(p)) {
                return;
            }
            // One reference more than this scope's close() releases: the outer scope's, or the garbage collector's.
            if (outer != null) {
                outer.attach(p);
            } else {
                p.retainReference();
            }
        }

        private void free(Pointer p) {
            Held h = held.remove(p);
            for (int i = 0; i < h.references; i++) {
                p.releaseReference();
            }
        }

        @Override
        public void close() {
            for (Map.Entry<Pointer, Held> e : held.entrySet()) {
                for (int i = 0; i < e.getValue().references; i++) {
                    e.getKey().releaseReference();
                }
            }
            held.clear();
            sinceStatement.clear();
            super.close();
        }
    }
}
