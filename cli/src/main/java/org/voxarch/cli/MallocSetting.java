package org.voxarch.cli;

import java.util.Map;
import java.util.stream.Collectors;

/** The allocator setting the launcher chose ({@code VOXARCH_MALLOC}), as text for benchmark output. */
final class MallocSetting {
    private MallocSetting() {
    }

    static String describe() {
        return describe(System.getenv());
    }

    static String describe(Map<String, String> env) {
        String mode = env.getOrDefault("VOXARCH_MALLOC", "retain");
        String meaning = switch (mode) {
            case "retain" -> "freed memory is kept for reuse";
            case "large" -> "blocks from 32 MiB on huge pages, returned on free; smaller ones kept for reuse";
            case "measure" -> "every block over 64 KiB returned on free: the resident set follows use";
            case "system" -> "glibc's default: large blocks mmap()ed and returned on free";
            default -> "unknown setting";
        };
        String tunables = env.entrySet().stream()
                .filter(e -> e.getKey().startsWith("MALLOC_") || e.getKey().equals("GLIBC_TUNABLES"))
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return mode + " (" + meaning + ")" + (tunables.isEmpty() ? "" : "; " + tunables);
    }
}
