package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.ones;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class ArchModuleTest {

    static final class Probe extends ArchModule {
        Tensor gamma;
        Linear fc;

        Probe() {
            super("Probe");
            gamma = registerParam("gamma", ones(3));
            fc = registerChild("fc", new Linear(3, 3, true));
            registerAlias("fc2", fc);
            registerBuf("steps", ones(1));
        }

        void register(String name) {
            registerParam(name, ones(1));
        }
    }

    @Test
    void entriesRecordEveryRegistrationInOrder() {
        Probe p = new Probe();
        List<ArchModule.Entry> e = p.entries();
        assertEquals(List.of(ArchModule.Kind.PARAM, ArchModule.Kind.CHILD, ArchModule.Kind.ALIAS,
                ArchModule.Kind.BUFFER), e.stream().map(ArchModule.Entry::kind).toList());
        assertSame(p.gamma, e.get(0).tensor());
        assertSame(p.fc, e.get(2).module());
        assertTrue(p.gamma.requires_grad(), "registered parameters are trainable");
        assertEquals(3, p.parameters().size(), "libtorch sees gamma, fc.weight, fc.bias and nothing twice");
        assertEquals(1, p.buffers().size());
        assertThrows(UnsupportedOperationException.class, () -> e.add(e.get(0)));
    }

    @Test
    void badNamesAreRejected() {
        Probe p = new Probe();
        assertThrows(IllegalArgumentException.class, () -> p.register("gamma"));
        assertThrows(IllegalArgumentException.class, () -> p.register("a.b"));
        assertThrows(IllegalArgumentException.class, () -> p.register(""));
    }
}
