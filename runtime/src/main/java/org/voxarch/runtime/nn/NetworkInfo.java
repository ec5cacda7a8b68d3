package org.voxarch.runtime.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the compiler derived from a network's spec, exposed by every generated network as {@code INFO}, so that tools
 * and tests can compare the built module with the spec: inputs, outputs, parameter count, FLOPs and the state-dict
 * keys in order (with aliases).
 */
public final class NetworkInfo {
    /** One state-dict entry as the spec predicts it. */
    public record Key(String name, long[] shape, boolean buffer, String dtype, String aliasOf) {
        /** {@code [32, 1, 2, 4, 4]}, {@code []} for a scalar. */
        public String shapeText() {
            return Arrays.toString(shape);
        }
    }

    private final String name;
    private final String source;
    private final String inputs;
    private final String outputs;
    private final long parameterCount;
    private final long flops;
    private final List<Key> keys;

    /**
     * @param keyTable one row per key: name, shape, {@code param} or {@code buffer}, dtype and optionally the aliased
     *                 key, separated by tabs
     */
    public NetworkInfo(String name, String source, String inputs, String outputs, long parameterCount, long flops,
            String keyTable) {
        this.name = name;
        this.source = source;
        this.inputs = inputs;
        this.outputs = outputs;
        this.parameterCount = parameterCount;
        this.flops = flops;
        this.keys = parseKeys(keyTable);
    }

    private static List<Key> parseKeys(String table) {
        List<Key> out = new ArrayList<>();
        for (String row : table.split("\n")) {
            if (row.isBlank()) {
                continue;
            }
            String[] cols = row.split("\t");
            out.add(new Key(cols[0], parseShape(cols[1]), cols[2].equals("buffer"), cols[3],
                    cols.length > 4 ? cols[4] : null));
        }
        return List.copyOf(out);
    }

    private static long[] parseShape(String text) {
        String inner = text.substring(1, text.length() - 1).strip();
        return inner.isEmpty() ? new long[0] : Arrays.stream(inner.split(",")).mapToLong(s -> Long.parseLong(s.strip()))
                .toArray();
    }

    /** The network or variant name, as given to {@code --model}. */
    public String name() {
        return name;
    }

    /** The spec file the network was generated from. */
    public String source() {
        return source;
    }

    /** Declared inputs, e.g. {@code x [B, 1, 64, 128, 128]}. */
    public String inputs() {
        return inputs;
    }

    /** Output shapes, separated by "; ". */
    public String outputs() {
        return outputs;
    }

    /** Parameters, each tensor counted once. */
    public long parameterCount() {
        return parameterCount;
    }

    /** FLOPs of one forward pass for one sample, fvcore convention. */
    public long flops() {
        return flops;
    }

    public List<Key> keys() {
        return keys;
    }
}
