package org.voxarch.compiler.builtins;

import org.voxarch.compiler.diag.Span;

/**
 * Caps on what one elaboration may build. Specs describe networks, not data: a spec that builds more than this is a
 * mistake (or hostile), and is stopped with an error naming the cap before it costs seconds or gigabytes.
 */
public final class SizeLimits {
    /** The longest list or tuple one expression may make ({@code range}, a comprehension, {@code +}, unbind). */
    public static final long MAX_LIST_ITEMS = 100_000;
    /** List items made in all by one network's elaboration (nested comprehensions, lists built again and again). */
    public static final long MAX_TOTAL_ITEMS = 200_000;
    /** Modules (blocks, layers, containers, parameters) in one network. */
    public static final long MAX_MODULES = 20_000;
    /** How deep blocks may contain blocks. */
    public static final int MAX_BLOCK_DEPTH = 64;
    /** Members of one grid (every one is elaborated by check). */
    public static final int MAX_GRID_MEMBERS = 256;

    private SizeLimits() {
    }

    /** Refuses a list of {@code count} items (counted before it is built) longer than {@link #MAX_LIST_ITEMS}. */
    public static void checkListLength(double count, Span at, String what) {
        if (count > MAX_LIST_ITEMS) {
            throw new ArchError(at, what + " of " + (long) count + " items is too long; lists are"
                    + " limited to " + MAX_LIST_ITEMS + " items");
        }
    }
}
