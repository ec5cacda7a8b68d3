package org.voxarch.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class ModuleClosingTest {
    private static final long[] CUBE = {3, 3, 3};
    private static final long[] ONES = {1, 1, 1};
    private static final long MIB = 1L << 20;

    /** About 12 MiB of parameters and buffers: nested children, a buffer-holding norm, an alias to its own child. */
    static final class Net extends ArchModule {
        final List<Conv3d> convs = new ArrayList<>();

        Net() {
            super("Net");
            for (int i = 0; i < 8; i++) {
                Conv3d conv = new Conv3d(96, 96, CUBE, ONES, ONES, true);
                convs.add(conv);
                registerChild("block" + i, new Sequential(conv, new BatchNorm3d(96, 1e-5, 0.1)));
            }
            registerAlias("first", convs.get(0));
            registerChild("head", new Linear(1024, 1024, true));
        }
    }

    /** Holds an alias to a module it does not own. */
    static final class Borrower extends ArchModule {
        Borrower(Linear borrowed) {
            super("Borrower");
            registerChild("own", new Linear(2, 2, true));
            registerAlias("borrowed", borrowed);
        }
    }

    @Test
    void buildingAndClosingANetwork50TimesKeepsNativeMemoryFlat() {
        for (int i = 0; i < 5; i++) {
            new Net().close();
        }
        long before = Pointer.physicalBytes();
        for (int i = 0; i < 50; i++) {
            new Net().close();
        }
        long grown = Pointer.physicalBytes() - before;
        // A leak keeps ~12 MiB per network, 600 MiB in all; the JVM warming up adds a few tens of MiB at most.
        assertTrue(grown < 100 * MIB, "resident memory grew by " + grown / MIB + " MiB over 50 networks");
    }

    @Test
    void closeFreesChildrenParametersAndBuffersOnce() {
        Net net = new Net();
        Tensor weight = net.convs.get(3).entries().get(0).tensor();
        net.close();
        assertTrue(net.isNull());
        assertTrue(net.convs.get(3).isNull(), "children are closed");
        assertTrue(weight.isNull(), "parameters are closed");
        assertDoesNotThrow(net::close, "closing again does nothing");
    }

    @Test
    void closeLeavesModulesReachedOnlyThroughAnAlias() {
        try (Linear shared = new Linear(2, 2, true)) {
            Borrower b = new Borrower(shared);
            b.close();
            assertFalse(shared.isNull(), "the alias's target belongs to someone else");
            assertEquals(2, shared.parameters().size());
        }
    }
}
