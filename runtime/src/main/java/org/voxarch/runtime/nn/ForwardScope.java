package org.voxarch.runtime.nn;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * The native objects one generated {@code forward} makes, freed when it returns, except its results, which pass to
 * the caller's scope. Without it every intermediate of a whole network stays alive until the caller's scope
 * closes (a Synapse forward held all its activations at once); with it a block's temporaries die with the block, as
 * they do in PyTorch. Autograd keeps what backward needs by its own reference counts, so freeing the Java handles
 * is safe in training too.
 *
 * <p>Only objects made inside the forward are handed on: an input or a module's field returned as a result is left
 * as it was. With no enclosing scope a result is left to the garbage collector, as it would have been.
 *
 * <p>Switch: {@code -Dvoxarch.forwardScopes=false} (or {@code voxarch.kernels.plain}) or {@link #enable}; off,
 * {@link #open} costs nothing and everything lives until the caller's scope closes.
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

    /** @return true when generated forwards free their intermediates on return */
    public static boolean enabled() {
        return enabled;
    }

    /** Opens a scope on this thread for one forward; {@link #close} it in a {@code finally}. */
    public static ForwardScope open() {
        return enabled ? new ForwardScope(new Tracking(PointerScope.getInnerScope())) : OFF;
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

    /** A scope that remembers what attached to it, to tell its own objects from inputs and fields. */
    private static final class Tracking extends PointerScope {
        private final PointerScope outer;
        private final Set<Pointer> made = Collections.newSetFromMap(new IdentityHashMap<>());

        Tracking(PointerScope outer) {
            this.outer = outer;
        }

        @Override
        public PointerScope attach(Pointer p) {
            made.add(p);
            return super.attach(p);
        }

        void handOut(Pointer p) {
            if (p == null || !made.contains(p)) {
                return;
            }
            // One reference more than this scope's close() releases: the outer scope's, or the garbage collector's.
            if (outer != null) {
                outer.attach(p);
            } else {
                p.retainReference();
            }
        }
    }
}
