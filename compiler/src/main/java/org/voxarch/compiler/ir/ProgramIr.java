package org.voxarch.compiler.ir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IR of a compilation: every spec block, lowered once, with the instances the given networks built of it, and
 * the frozen networks themselves.
 */
public record ProgramIr(Map<String, BlockIr> blocks, List<NetworkIr> networks) {
    public ProgramIr {
        blocks = Collections.unmodifiableMap(new LinkedHashMap<>(blocks));
        networks = List.copyOf(networks);
    }

    public BlockIr block(String name) {
        return blocks.get(name);
    }
}
