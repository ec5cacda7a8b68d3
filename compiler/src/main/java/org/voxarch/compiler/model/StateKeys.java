package org.voxarch.compiler.model;

import java.util.ArrayList;
import java.util.List;

/** Lists an instance tree's state-dict keys in PyTorch's order: own parameters, own buffers, then children. */
public final class StateKeys {
    private StateKeys() {
    }

    public static List<StateKey> of(Instance root) {
        List<StateKey> out = new ArrayList<>();
        walk(root, "", null, out);
        return out;
    }

    private static void walk(Instance module, String prefix, String aliasPrefix, List<StateKey> out) {
        for (Instance.Kind wanted : new Instance.Kind[] {Instance.Kind.PARAM, Instance.Kind.BUFFER}) {
            for (Instance.Entry e : module.entries()) {
                if (e.child().kind() == wanted) {
                    String key = prefix + e.name();
                    String aliasOf = e.alias() ? e.child().path()
                            : aliasPrefix == null ? null : aliasPrefix + e.name();
                    out.add(new StateKey(key, e.child().tensorShape(), e.child().dtype(),
                            wanted == Instance.Kind.BUFFER, aliasOf));
                }
            }
        }
        for (Instance.Entry e : module.entries()) {
            if (!e.child().isTensor()) {
                String childAlias = e.alias() ? e.child().path() + "."
                        : aliasPrefix == null ? null : aliasPrefix + e.name() + ".";
                walk(e.child(), prefix + e.name() + ".", childAlias, out);
            }
        }
    }
}
