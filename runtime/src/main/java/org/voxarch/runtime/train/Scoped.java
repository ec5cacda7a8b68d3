package org.voxarch.runtime.train;

import java.util.function.Supplier;

import org.bytedeco.javacpp.PointerScope;

/**
 * Runs code inside a JavaCPP {@code PointerScope}: every native object it allocates (tensors, archives, options) is
 * freed when it returns, instead of waiting for the garbage collector. Results that must outlive the scope have to be
 * plain Java values. A lambda rather than try-with-resources, whose unused resource variable draws
 * {@code -Xlint:try} warnings.
 */
final class Scoped {
    private Scoped() {
    }

    static <T> T get(Supplier<T> body) {
        PointerScope scope = new PointerScope();
        try {
            return body.get();
        } finally {
            scope.close();
        }
    }

    static void run(Runnable body) {
        PointerScope scope = new PointerScope();
        try {
            body.run();
        } finally {
            scope.close();
        }
    }
}
