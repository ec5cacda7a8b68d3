package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.voxarch.models.UnetrppTiny;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.StateEntry;

/** A generated network owns everything it allocates: building and closing it over and over leaks nothing. */
class NetworkClosingTest {
    private static final int NETWORKS = 50;

    @Test
    void buildingAndClosingTheTinyNetwork50TimesKeepsNativeMemoryFlat() {
        long networkBytes;
        try (UnetrppTiny net = new UnetrppTiny()) {
            networkBytes = StateDict.entries(net).stream().filter(e -> e.aliasOf() == null)
                    .mapToLong(NetworkClosingTest::bytes).sum();
        }
        for (int i = 0; i < 5; i++) {
            new UnetrppTiny().close();
        }
        long before = Pointer.physicalBytes();
        for (int i = 0; i < NETWORKS; i++) {
            new UnetrppTiny().close();
        }
        long grown = Pointer.physicalBytes() - before;
        // A leak keeps every network's tensors: NETWORKS × networkBytes. The JVM warming up adds 25-35 MB
        // whatever the count (measured), well under a fifth of that.
        long tolerance = NETWORKS * networkBytes / 5;
        assertTrue(grown < tolerance, "resident memory grew by " + grown + " bytes over " + NETWORKS
                + " networks of " + networkBytes + " bytes (tolerance " + tolerance + ")");
    }

    private static long bytes(StateEntry e) {
        return e.tensor().numel() * e.tensor().element_size();
    }
}
