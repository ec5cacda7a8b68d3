package org.voxarch.runtime.memory;

import java.util.function.Supplier;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * The runtime's one native-memory policy. Native objects (tensors, archives, options) made inside {@link #run} or
 * {@link #get} are freed when the body returns, instead of whenever the garbage collector gets round to it; a
 * result that must outlive the body is either a plain Java value ({@link #get}) or a native object handed to the
 * caller by {@link #keep}, who then owns it and frees it with {@code close()}. Long-lived objects (modules,
 * optimisers) are made outside any scope and closed by their owner.
 *
 * <p>Lambdas rather than try-with-resources: a scope the body never names draws a {@code -Xlint:try} warning.
 */
public final class NativeScope {
    private NativeScope() {
    }

    /** Runs {@code body}, then frees every native object it made. */
    public static void run(Runnable body) {
        PointerScope scope = new PointerScope();
        try {
            body.run();
        } finally {
            scope.close();
        }
    }

    /**
     * Runs {@code body}, then frees every native object it made.
     *
     * @return the body's result, which must not be a native object made in the body (see {@link #keep})
     */
    public static <T> T get(Supplier<T> body) {
        PointerScope scope = new PointerScope();
        try {
            return body.get();
        } finally {
            scope.close();
        }
    }

    /**
     * Runs {@code body} and frees every native object it made except its result, which now belongs to the caller:
     * {@code close()} frees it (the garbage collector would too, later).
     */
    public static <P extends Pointer> P keep(Supplier<P> body) {
        PointerScope scope = new PointerScope();
        try {
            P result = body.get();
            // One reference more than the scope releases: the caller's, given back by close().
            result.retainReference();
            return result;
        } finally {
            scope.close();
        }
    }
}
