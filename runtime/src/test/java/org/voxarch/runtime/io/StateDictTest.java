package org.voxarch.runtime.io;

import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bytedeco.pytorch.StringVector;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.TestTensors;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.BatchNorm3d;
import org.voxarch.runtime.nn.Linear;
import org.voxarch.runtime.nn.ModuleList;
import org.voxarch.runtime.nn.Ops;

class StateDictTest {

    /** A leaf with one parameter and one buffer. */
    static final class Inner extends ArchModule {
        Inner() {
            super("Inner");
            registerBuf("counter", zeros(1));
            registerParam("w", ones(2, 3));
        }
    }

    /**
     * Registrations deliberately interleaved: PyTorch still lists own parameters, then own buffers, then children,
     * and an alias at its own position among the children.
     */
    static final class Outer extends ArchModule {
        Outer() {
            super("Outer");
            registerParam("gamma", ones(4));
            Linear first = registerChild("first", new Linear(3, 2, true));
            registerBuf("scale", ones(4));
            registerChild("inner", new Inner());
            registerAlias("second", first);
            registerChild("bn", new BatchNorm3d(2, 1e-5, 0.1));
            registerParam("beta", zeros(4));
        }
    }

    private static final List<String> PYTORCH_ORDER = List.of(
            "gamma", "beta", "scale",
            "first.weight", "first.bias",
            "inner.w", "inner.counter",
            "second.weight", "second.bias",
            "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked");

    @Test
    void keysComeInPytorchStateDictOrder() {
        List<StateEntry> entries = StateDict.entries(new Outer());
        assertEquals(PYTORCH_ORDER, entries.stream().map(StateEntry::key).collect(Collectors.toList()));
        assertEquals(List.of("scale", "inner.counter", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked"),
                entries.stream().filter(StateEntry::buffer).map(StateEntry::key).collect(Collectors.toList()));
    }

    @Test
    void aliasKeysPointAtTheFirstKeyAndTheSameTensor() {
        Outer m = new Outer();
        Map<String, StateEntry> byKey = StateDict.entries(m).stream()
                .collect(Collectors.toMap(StateEntry::key, e -> e));
        assertEquals("first.weight", byKey.get("second.weight").aliasOf());
        assertEquals("first.bias", byKey.get("second.bias").aliasOf());
        assertNull(byKey.get("first.weight").aliasOf());
        LinkedHashMap<String, Tensor> map = StateDict.toMap(m);
        assertSame(map.get("first.weight"), map.get("second.weight"));
        assertEquals(PYTORCH_ORDER, new ArrayList<>(map.keySet()));
    }

    @Test
    void libtorchSeesEachParameterOnceAndNoAliasNames() {
        Outer m = new Outer();
        List<String> names = new ArrayList<>();
        StringVector keys = m.named_parameters(true).keys();
        for (long i = 0; i < keys.size(); i++) {
            names.add(keys.get(i).getString());
        }
        assertEquals(7, names.size(), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("second.")), names.toString());
        assertEquals(7, StateDict.parameterTensorCount(m));
        // gamma 4 + beta 4 + first 6+2 + inner.w 6 + bn 2+2
        assertEquals(26, StateDict.parameterCount(m));
        // scale 4 + counter 1 + bn running 2+2 + num_batches_tracked 1
        assertEquals(10, StateDict.bufferCount(m));
    }

    @Test
    void loadCopiesByNameConvertsDtypeAndAcceptsEitherAliasKey() {
        Outer m = new Outer();
        Map<String, Tensor> source = new LinkedHashMap<>();
        for (StateEntry e : StateDict.entries(m)) {
            if (e.key().startsWith("first.") || e.key().equals("bn.num_batches_tracked")) {
                continue; // the alias supplies first.*, the counter may be absent
            }
            source.put(e.key(), DeterministicWeights.generate(e.key(), Ops.shape(e.tensor()))
                    .to(ScalarType.Double));
        }
        LoadReport report = StateDict.load(m, source);
        assertEquals(List.of("bn.num_batches_tracked"), report.leftUnchanged());
        assertEquals(11, report.loaded()); // 12 distinct tensors behind 14 keys, minus the absent counter
        LinkedHashMap<String, Tensor> map = StateDict.toMap(m);
        assertEquals(ScalarType.Float, map.get("first.weight").scalar_type().intern());
        assertArrayEquals(TestTensors.floats(source.get("second.weight")), TestTensors.floats(map.get("first.weight")));
        assertTrue(map.get("gamma").requires_grad(), "loading must not strip requires_grad");
    }

    @Test
    void mismatchMessageListsEveryProblemGrouped() {
        Outer m = new Outer();
        Map<String, Tensor> source = new LinkedHashMap<>(StateDict.toMap(m));
        source.remove("gamma");
        source.remove("inner.w");
        source.remove("first.weight");
        source.remove("second.weight");
        source.put("inner.extra", ones(1));
        source.put("bn.weight", ones(3));
        StateDictMismatchException e = assertThrows(StateDictMismatchException.class, () -> StateDict.load(m, source));
        String message = e.getMessage();
        assertTrue(message.contains("3 missing") && message.contains("1 unexpected")
                && message.contains("1 shape mismatch"), message);
        assertTrue(message.contains("missing (3): gamma, first.weight (or its alias second.weight), inner.w"), message);
        assertTrue(message.contains("unexpected (1): inner.extra"), message);
        assertTrue(message.contains("bn.weight expected [2] got [3]"), message);
    }

    @Test
    void longKeyListsAreTruncated() {
        ModuleList<Linear> list = new ModuleList<>();
        for (int i = 0; i < 150; i++) {
            list.add(new Linear(1, 1, true));
        }
        StateDictMismatchException e = assertThrows(StateDictMismatchException.class,
                () -> StateDict.load(list, Map.of()));
        String message = e.getMessage();
        assertTrue(message.contains("missing (300): 0.weight, 0.bias, 1.weight"), message);
        assertTrue(message.contains("... and 280 more"), message);
        assertTrue(message.length() < 1000, "message too long: " + message.length());
    }

    @Test
    void shapesFormatLikePython() {
        assertEquals("[32, 1, 2, 4, 4]", StateDict.formatShape(new long[] {32, 1, 2, 4, 4}));
        assertEquals("[]", StateDict.formatShape(new long[0]));
    }
}
