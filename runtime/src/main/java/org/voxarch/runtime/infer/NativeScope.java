package org.voxarch.runtime.infer;

import java.util.function.Supplier;

import org.bytedeco.javacpp.PointerScope;

/**
 * Runs code inside a JavaCPP {@link PointerScope}, so that the native memory of every tensor made there is freed when
 * the code returns. A lambda rather than try-with-resources: a scope the body never names draws a
 * {@code -Xlint:try} warning.
 */
final class NativeScope {
    private NativeScope() {
    }

    static void run(Runnable body) {
        PointerScope scope = new PointerScope();
        try {
            body.run();
        } finally {
            scope.close();
        }
    }

    static <T> T get(Supplier<T> body) {
        PointerScope scope = new PointerScope();
        try {
            return body.get();
        } finally {
            scope.close();
        }
    }
}
