package org.voxarch.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.junit.jupiter.api.Test;

class DevicesTest {

    @Test
    void cpuAndAutoSelectAvailableDevices() {
        assertEquals(DeviceType.CPU, Devices.select(" CPU ").type().intern());
        Device auto = Devices.select("auto");
        assertEquals(torch.cuda_is_available() ? DeviceType.CUDA : DeviceType.CPU, auto.type().intern());
        assertTrue(Devices.describe(Devices.select("cpu")).startsWith("cpu ("));
    }

    @Test
    void unknownOrUnavailableDevicesAreRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.select("gpu"));
        assertTrue(e.getMessage().contains("\"gpu\"") && e.getMessage().contains("\"auto\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Devices.select("cuda:x"));
        if (!torch.cuda_is_available()) {
            IllegalArgumentException cuda = assertThrows(IllegalArgumentException.class, () -> Devices.select("cuda"));
            assertTrue(cuda.getMessage().contains("not available"), cuda.getMessage());
        }
    }
}
