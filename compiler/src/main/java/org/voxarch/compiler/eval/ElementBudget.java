package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.builtins.SizeLimits;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Value;

/**
 * What one elaboration has built so far: list items and modules, counted before they are made where their number
 * is known ahead (a comprehension's source, a concatenation), else as they are made. Every list or tuple the
 * evaluator makes goes through here, so the caps (see {@link SizeLimits}) and the refusal of lists of lists hold at
 * every site. The per-list cap alone does not stop nested comprehensions
 * ({@code [[0 for j in range(10**6)] for i in range(10**6)]}); the total does. Exceeded once, it is reported once:
 * what follows unwinds silently.
 */
final class ElementBudget {
    static final String NESTED_LIST = "this makes a list of lists, which generated code cannot hold; a list holds"
            + " numbers, bools, strings, enum constants or tensors";

    private long items;
    private long modules;
    private boolean exceeded;

    /** Stops work that would build more once the budget is spent (its error is reported already). */
    void ensureOpen() {
        if (exceeded) {
            throw new ArchError.Poisoned();
        }
    }

    /** A list literal's items, with spread lists already in: counted and checked. */
    Value.ListOf literal(List<Value> items, Span at) {
        spendItems(items.size(), at);
        return flat(items, at);
    }

    /** {@code items} grown by a spread list of {@code more}: refused beyond the list length cap. */
    void spread(List<Value> items, Value.ListOf more, Span at) {
        SizeLimits.checkListLength((double) items.size() + more.items().size(), at, "a list");
        items.addAll(more.items());
    }

    /** A comprehension over {@code source}: its items are counted before the element is evaluated for each. */
    List<Value> comprehension(Value.ListOf source, Span at) {
        spendItems(source.items().size(), at);
        return new ArrayList<>(source.items().size());
    }

    /** The items a comprehension made. */
    Value.ListOf comprehended(List<Value> items, Span at) {
        return flat(items, at);
    }

    /** Two lists about to be joined by {@code +}: counted and checked before the operator makes the list. */
    void concatenation(Value.ListOf x, Value.ListOf y, Span at) {
        SizeLimits.checkListLength((double) x.items().size() + y.items().size(), at, "a list");
        spendItems(x.items().size() + y.items().size(), at);
    }

    /** A builtin's result: the items of a list or tuple it made are counted. */
    Value result(Value v, Span at) {
        if (v instanceof Value.Tuple t) {
            spendItems(t.items().size(), at);
        } else if (v instanceof Value.ListOf l) {
            spendItems(l.items().size(), at);
        }
        return v;
    }

    /** Counts one module about to be made at {@code at}. */
    void spendModule(Span at) {
        if (++modules > SizeLimits.MAX_MODULES) {
            fail(at, "this network has more than " + SizeLimits.MAX_MODULES
                    + " modules; that is the compiler's limit");
        }
    }

    private void spendItems(long n, Span at) {
        items += n;
        if (items > SizeLimits.MAX_TOTAL_ITEMS) {
            fail(at, "this network builds more than " + SizeLimits.MAX_TOTAL_ITEMS
                    + " list items in all; that is the compiler's limit (specs describe networks, not data)");
        }
    }

    /** Generated code holds flat lists only. */
    private static Value.ListOf flat(List<Value> items, Span at) {
        if (items.stream().anyMatch(item -> item instanceof Value.ListOf)) {
            throw new ArchError(at, NESTED_LIST);
        }
        return new Value.ListOf(items);
    }

    private void fail(Span at, String message) {
        if (exceeded) {
            throw new ArchError.Poisoned();
        }
        exceeded = true;
        throw new ArchError(at, message);
    }
}
