package org.voxarch.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlockContextTest {
    @Test
    void aVariantsValueForOneInstanceWinsOverItsValueForEveryInstance() {
        BlockContext root = BlockContext.ROOT.fixing("EPA", "heads", 2L).fixingAt("decoder5.0.epa", "heads", 8L);
        BlockContext decoder = root.at("decoder5").at(0);
        assertEquals(8L, decoder.at("epa").value("EPA", "heads", 4L));
        assertEquals(2L, root.at("decoder4").at(0).at("epa").value("EPA", "heads", 4L));
        assertEquals(4L, decoder.at("epa").value("EPA", "proj", 4L));
        // A default read from a fixed parameter uses the block-wide value only.
        assertEquals(2L, decoder.at("epa").blockValue("EPA", "heads", 4L));
        assertEquals("decoder5.0.epa", decoder.at("epa").path());
    }

    @Test
    void withoutOverridesTheContextIsShared() {
        assertSame(BlockContext.ROOT, BlockContext.ROOT.at("encoder").at(3));
        assertEquals(3L, BlockContext.ROOT.value("EPA", "heads", 3L));
    }

    @Test
    void replacementsMatchPathsWithWildcardsFromTheRootOrBelowTheirBlock() {
        BlockContext root = BlockContext.ROOT.replacing("v: *.items.*").replacing("v: Stage.mixer");
        BlockContext stage = root.at("s1");
        assertTrue(stage.replaces("v: *.items.*", stage.at("items").at(1), "*.items.*", false));
        assertFalse(stage.replaces("v: *.items.*", stage.at("chain").at(1), "*.items.*", false));
        assertTrue(stage.replaces("v: Stage.mixer", stage.at("mixer"), "mixer", true));
        assertFalse(stage.replaces("v: Stage.mixer", stage.at("mixer"), "s1.mixer", true));
        assertFalse(stage.replaces("w: Stage.mixer", stage.at("mixer"), "mixer", true), "another variant's");
    }
}
