package org.voxarch.compiler.eval;

import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.builtins.SizeLimits;
import org.voxarch.compiler.diag.Span;

/**
 * What one elaboration has built so far: list items and modules, counted before they are made. The per-list cap
 * alone does not stop nested comprehensions ({@code [[0 for j in range(10**6)] for i in range(10**6)]}); this total
 * does. Exceeded once, it is reported once: what follows unwinds silently.
 */
final class ElementBudget {
    private long items;
    private long modules;
    private boolean exceeded;

    /** Counts {@code n} list items about to be made at {@code at}. */
    void spendItems(long n, Span at) {
        items += n;
        if (items > SizeLimits.MAX_TOTAL_ITEMS) {
            fail(at, "this network builds more than " + SizeLimits.MAX_TOTAL_ITEMS
                    + " list items in all; that is the compiler's limit (specs describe networks, not data)");
        }
    }

    /** Counts one module about to be made at {@code at}. */
    void spendModule(Span at) {
        if (++modules > SizeLimits.MAX_MODULES) {
            fail(at, "this network has more than " + SizeLimits.MAX_MODULES
                    + " modules; that is the compiler's limit");
        }
    }

    private void fail(Span at, String message) {
        if (exceeded) {
            throw new ArchError.Poisoned();
        }
        exceeded = true;
        throw new ArchError(at, message);
    }
}
