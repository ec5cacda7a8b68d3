package org.voxarch.runtime;

import java.util.Locale;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;

/** Chooses the device tensors and modules live on, from a user's preference string. */
public final class Devices {
    private static final String CHOICES = "\"auto\", \"cpu\", \"cuda\" or \"cuda:<index>\"";

    private Devices() {
    }

    /**
     * @param preference {@code "auto"} (CUDA when available, else the CPU), {@code "cpu"}, {@code "cuda"} (device
     *     0) or {@code "cuda:<index>"}; case and surrounding blanks are ignored
     * @return the device
     * @throws IllegalArgumentException for any other string, or when CUDA is asked for but not available
     */
    public static Device select(String preference) {
        String p = preference == null ? "" : preference.trim().toLowerCase(Locale.ROOT);
        if (p.equals("auto")) {
            return torch.cuda_is_available() ? cuda(0) : new Device(DeviceType.CPU);
        }
        if (p.equals("cpu")) {
            return new Device(DeviceType.CPU);
        }
        if (p.equals("cuda")) {
            return cuda(0);
        }
        if (p.startsWith("cuda:")) {
            return cuda(parseIndex(preference, p.substring("cuda:".length())));
        }
        throw new IllegalArgumentException("unknown device \"" + preference + "\": use " + CHOICES);
    }

    /** @return e.g. {@code "cpu (8 threads)"} or {@code "cuda:0 (1 of 2 CUDA devices)"} */
    public static String describe(Device device) {
        // Enum constants coming back from native code are fresh objects: intern() before comparing.
        DeviceType type = device.type().intern();
        if (type == DeviceType.CUDA) {
            int index = Math.max(device.index(), 0);
            return "cuda:" + index + " (" + (index + 1) + " of " + torch.cuda_device_count() + " CUDA devices)";
        }
        if (type == DeviceType.CPU) {
            return "cpu (" + torch.get_num_threads() + " threads)";
        }
        return device.str().getString();
    }

    private static int parseIndex(String preference, String digits) {
        try {
            int index = Integer.parseInt(digits);
            if (index >= 0 && index <= Byte.MAX_VALUE) {
                return index;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole preference
        }
        throw new IllegalArgumentException("bad CUDA device index in \"" + preference + "\": use " + CHOICES);
    }

    private static Device cuda(int index) {
        int available = torch.cuda_is_available() ? torch.cuda_device_count() : 0;
        if (index >= available) {
            throw new IllegalArgumentException(available == 0
                    ? "CUDA was requested but is not available (this libtorch build or machine has no usable GPU); "
                            + "use \"cpu\" or \"auto\""
                    : "CUDA device " + index + " was requested but only " + available + " are available");
        }
        return new Device(DeviceType.CUDA, (byte) index);
    }
}
