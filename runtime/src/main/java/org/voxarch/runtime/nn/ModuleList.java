package org.voxarch.runtime.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * An indexed list of child modules, {@code torch.nn.ModuleList}; children are named "0", "1", ... Keeps typed Java
 * references (libtorch's {@code ModuleListImpl.get} would return a plain {@code Module}).
 *
 * @param <T> the element type
 */
public final class ModuleList<T extends ArchModule> extends ArchModule {
    private final List<T> items = new ArrayList<>();

    /** An empty list. */
    public ModuleList() {
        super("ModuleList");
    }

    /**
     * Appends a module under the next index.
     *
     * @return this, for chaining
     */
    public ModuleList<T> add(T module) {
        items.add(registerChild(Integer.toString(items.size()), module));
        return this;
    }

    /** @return the module at {@code index} */
    public T get(long index) {
        return checkedGet(items, index);
    }

    /** @return the number of modules */
    public int size() {
        return items.size();
    }

    static <E> E checkedGet(List<E> list, long index) {
        if (index < 0 || index >= list.size()) {
            throw new IndexOutOfBoundsException("index " + index + " outside a list of " + list.size() + " modules");
        }
        return list.get((int) index);
    }
}
