package org.voxarch.runtime.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.NoGrad;
import org.voxarch.runtime.nn.Ops;

/**
 * PyTorch-compatible state dicts of {@link ArchModule} trees.
 *
 * <p>Order, as PyTorch's {@code state_dict}: for each module its own parameters (in registration order), then its
 * own buffers, then its children in registration order, recursively, keys joined with ".". An alias is listed at
 * its registration position and repeats the target's keys under the alias name.
 */
public final class StateDict {
    /** Leaf names a source may omit: PyTorch itself tolerates checkpoints from before the counter existed. */
    private static final Set<String> OPTIONAL_LEAVES = Set.of("num_batches_tracked");
    /** How many keys of one kind an error message names before summarising the rest. */
    private static final int KEYS_SHOWN = 20;

    private StateDict() {
    }

    /** @return every key of {@code root}'s state dict in PyTorch's order, aliases included */
    public static List<StateEntry> entries(ArchModule root) {
        List<StateEntry> out = new ArrayList<>();
        collect(root, "", out, new HashMap<>(), Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void collect(ArchModule module, String prefix, List<StateEntry> out,
                                Map<Long, String> firstKeyOfTensor, Set<ArchModule> path) {
        if (!path.add(module)) {
            throw new IllegalStateException("module cycle: " + module.typeName() + " contains itself at '" + prefix + "'");
        }
        for (ArchModule.Kind kind : List.of(ArchModule.Kind.PARAM, ArchModule.Kind.BUFFER)) {
            for (ArchModule.Entry e : module.entries()) {
                if (e.kind() == kind) {
                    String key = prefix + e.name();
                    // Identity of the native tensor, so sharing is found however the Java handles were obtained.
                    long impl = e.tensor().unsafeGetTensorImpl().address();
                    String first = firstKeyOfTensor.putIfAbsent(impl, key);
                    out.add(new StateEntry(key, e.tensor(), kind == ArchModule.Kind.BUFFER, first));
                }
            }
        }
        for (ArchModule.Entry e : module.entries()) {
            if (e.kind() == ArchModule.Kind.CHILD || e.kind() == ArchModule.Kind.ALIAS) {
                collect(e.module(), prefix + e.name() + ".", out, firstKeyOfTensor, path);
            }
        }
        path.remove(module);
    }

    /** @return key to tensor (the module's own tensors, not copies), in state-dict order, alias keys included */
    public static LinkedHashMap<String, Tensor> toMap(ArchModule root) {
        LinkedHashMap<String, Tensor> map = new LinkedHashMap<>();
        for (StateEntry e : entries(root)) {
            map.put(e.key(), e.tensor());
        }
        return map;
    }

    /**
     * Copies tensors from {@code source} into {@code root}'s parameters and buffers by key, converting the dtype
     * (and device) to the destination's, without recording gradients. Of keys naming one shared tensor (an alias
     * pair) any one may be present. {@code num_batches_tracked} may be absent and then keeps its value.
     *
     * <p>Nothing is copied unless everything fits.
     *
     * @return how many tensors were copied
     * @throws StateDictMismatchException listing every missing, unexpected and mis-shaped key
     */
    public static LoadReport load(ArchModule root, Map<String, Tensor> source) {
        Map<String, List<StateEntry>> keysOfTensor = new LinkedHashMap<>();
        for (StateEntry e : entries(root)) {
            keysOfTensor.computeIfAbsent(e.aliasOf() == null ? e.key() : e.aliasOf(), k -> new ArrayList<>()).add(e);
        }
        LoadPlan plan = new LoadPlan();
        keysOfTensor.values().forEach(keys -> plan.match(keys, source));
        Set<String> known = keysOfTensor.values().stream().flatMap(List::stream).map(StateEntry::key)
                .collect(Collectors.toSet());
        source.keySet().stream().filter(key -> !known.contains(key)).forEach(plan.unexpected::add);
        if (!plan.fits()) {
            throw new StateDictMismatchException(plan.describe(root, keysOfTensor.size()));
        }
        NoGrad.run(() -> plan.copies.forEach(c -> c.destination().copy_(c.value())));
        return new LoadReport(plan.copies.size(), plan.leftUnchanged);
    }

    /** What {@link #load} will copy, and every reason it cannot. */
    private static final class LoadPlan {
        /** One tensor to overwrite. */
        record Copy(Tensor destination, Tensor value) {
        }

        final List<Copy> copies = new ArrayList<>();
        final List<String> missing = new ArrayList<>();
        final List<String> unexpected = new ArrayList<>();
        final List<String> misShaped = new ArrayList<>();
        final List<String> leftUnchanged = new ArrayList<>();

        /** Finds the source value for one tensor, which is known under {@code keys} (several for an alias). */
        void match(List<StateEntry> keys, Map<String, Tensor> source) {
            Tensor destination = keys.get(0).tensor();
            long[] expected = Ops.shape(destination);
            Tensor chosen = null;
            boolean shapesFit = true;
            for (StateEntry e : keys) {
                Tensor candidate = source.get(e.key());
                if (candidate == null) {
                    continue;
                }
                long[] got = Ops.shape(candidate);
                if (!Arrays.equals(expected, got)) {
                    misShaped.add(e.key() + " expected " + formatShape(expected) + " got " + formatShape(got));
                    shapesFit = false;
                } else if (chosen == null) {
                    chosen = candidate;
                }
            }
            if (!shapesFit) {
                return;
            }
            StateEntry first = keys.get(0);
            if (chosen != null) {
                copies.add(new Copy(destination, chosen));
            } else if (OPTIONAL_LEAVES.contains(first.leaf())) {
                leftUnchanged.add(first.key());
            } else if (keys.size() == 1) {
                missing.add(first.key());
            } else {
                missing.add(first.key() + " (or its alias "
                        + keys.stream().skip(1).map(StateEntry::key).collect(Collectors.joining(", ")) + ")");
            }
        }

        boolean fits() {
            return missing.isEmpty() && unexpected.isEmpty() && misShaped.isEmpty();
        }

        String describe(ArchModule root, int tensors) {
            StringBuilder sb = new StringBuilder("state dict does not fit ").append(root.typeName())
                    .append(" (").append(tensors).append(" tensors): ")
                    .append(missing.size()).append(" missing, ")
                    .append(unexpected.size()).append(" unexpected, ")
                    .append(misShaped.size()).append(" shape mismatch").append(misShaped.size() == 1 ? "" : "es");
            if (!missing.isEmpty()) {
                sb.append("\n  missing (").append(missing.size()).append("): ").append(listKeys(missing));
            }
            if (!unexpected.isEmpty()) {
                sb.append("\n  unexpected (").append(unexpected.size()).append("): ").append(listKeys(unexpected));
            }
            if (!misShaped.isEmpty()) {
                sb.append("\n  shape mismatch (").append(misShaped.size()).append("):");
                misShaped.stream().limit(KEYS_SHOWN).forEach(m -> sb.append("\n    ").append(m));
                if (misShaped.size() > KEYS_SHOWN) {
                    sb.append("\n    ... and ").append(misShaped.size() - KEYS_SHOWN).append(" more");
                }
            }
            return sb.toString();
        }
    }

    /** @return the first keys joined with ", ", then "... and N more" when there are many */
    static String listKeys(Collection<String> keys) {
        String shown = keys.stream().limit(KEYS_SHOWN).collect(Collectors.joining(", "));
        return keys.size() > KEYS_SHOWN ? shown + ", ... and " + (keys.size() - KEYS_SHOWN) + " more" : shown;
    }

    /** @return the number of parameter elements, each shared tensor counted once */
    public static long parameterCount(ArchModule root) {
        return countElements(root, false);
    }

    /** @return the number of buffer elements, each shared tensor counted once */
    public static long bufferCount(ArchModule root) {
        return countElements(root, true);
    }

    /** @return the number of distinct parameter tensors (PyTorch's {@code len(list(model.parameters()))}) */
    public static long parameterTensorCount(ArchModule root) {
        return entries(root).stream().filter(e -> !e.buffer() && e.aliasOf() == null).count();
    }

    private static long countElements(ArchModule root, boolean buffers) {
        long n = 0;
        for (StateEntry e : entries(root)) {
            if (e.buffer() == buffers && e.aliasOf() == null) {
                n += e.tensor().numel();
            }
        }
        return n;
    }

    /** @return e.g. {@code [32, 1, 2, 4, 4]}, or {@code []} for a scalar */
    public static String formatShape(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
