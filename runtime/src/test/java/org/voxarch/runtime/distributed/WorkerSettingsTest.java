package org.voxarch.runtime.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {
    @Test
    void torchrunsEnvironmentIsRead() {
        WorkerSettings s = WorkerSettings.fromEnvironment(Map.of("RANK", "3", "WORLD_SIZE", "4", "LOCAL_RANK", "1",
                "MASTER_ADDR", "10.0.0.1", "MASTER_PORT", "29600"), 30);
        assertEquals(new WorkerSettings(3, 4, 1, "10.0.0.1", 29600, 30), s);
    }

    @Test
    void withoutWorldSizeItIsOneProcess() {
        assertNull(WorkerSettings.fromEnvironment(Map.of("RANK", "0"), 30));
    }

    @Test
    void defaultsAreTorchrunsAndBadValuesAreNamed() {
        WorkerSettings s = WorkerSettings.fromEnvironment(Map.of("RANK", "1", "WORLD_SIZE", "2"), 30);
        assertEquals(new WorkerSettings(1, 2, 1, "127.0.0.1", WorkerSettings.DEFAULT_PORT, 30), s);
        assertEquals("WORLD_SIZE is set but RANK is not", assertThrows(IllegalArgumentException.class,
                () -> WorkerSettings.fromEnvironment(Map.of("WORLD_SIZE", "2"), 30)).getMessage());
        assertEquals("environment variable MASTER_PORT=x is not a number",
                assertThrows(IllegalArgumentException.class, () -> WorkerSettings.fromEnvironment(
                        Map.of("RANK", "0", "WORLD_SIZE", "2", "MASTER_PORT", "x"), 30)).getMessage());
        assertEquals("rank 2 is outside 0..1", assertThrows(IllegalArgumentException.class,
                () -> WorkerSettings.fromEnvironment(Map.of("RANK", "2", "WORLD_SIZE", "2"), 30)).getMessage());
    }
}
