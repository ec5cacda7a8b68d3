package org.voxarch.runtime.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.memory.ResidentBytes;

/**
 * Wall time of every primitive module call ({@link Conv3d}, {@link Linear}, the norms, ...) and of the heavy
 * {@link Ops} calls, while a profile is recorded; off, each call costs one field read. Modules are named by their
 * path in the network ({@code decoder2.decoder_block.0.conv1.conv}); an {@code Ops} call by the generated method and
 * line that made it. CPU kernels run synchronously, so wall time per call is the kernel's time.
 *
 * <p>FLOPs follow fvcore (one multiply-add = one FLOP) and are computed from the actual shapes: convolutions,
 * transposed convolutions, linear layers and matrix products; element-wise work counts as 0.
 *
 * <p>Records on the thread that called {@link #start}; calls on other threads run unprofiled. Every module call
 * also tells {@link ForwardScope} that its input was consumed.
 */
public final class Profiler {
    /** One profiled call site, summed over its calls. */
    public static final class Row {
        private final String site;
        private final String kind;
        private long calls;
        private long nanos;
        private long flops;
        private long bytes;
        private long kept;
        private long[] shape;

        Row(String site, String kind) {
            this.site = site;
            this.kind = kind;
        }

        /** The module path, or {@code Ops.op @ Class.method:line} for an operation. */
        public String site() {
            return site;
        }

        /** The module type or operation name. */
        public String kind() {
            return kind;
        }

        public long calls() {
            return calls;
        }

        public double seconds() {
            return nanos / 1e9;
        }

        /** fvcore FLOPs over all calls; 0 where not counted. */
        public long flops() {
            return flops;
        }

        /** Bytes of the outputs of all calls. */
        public long outputBytes() {
            return bytes;
        }

        /**
         * Growth of the resident set across all calls (what the calls left alive: outputs and, in training, what
         * autograd saved for backward), when recorded with memory; else 0.
         */
        public long keptBytes() {
            return kept;
        }

        /** The output shape of the last call. */
        public long[] shape() {
            return shape.clone();
        }

        /** @return achieved GFLOP/s, or NaN when no FLOPs are counted */
        public double gflopsPerSecond() {
            return flops == 0 || nanos == 0 ? Double.NaN : flops / (double) nanos;
        }
    }

    private static volatile Thread recording;
    private static Map<Object, String> paths = Map.of();
    private static final Map<String, Row> ROWS = new LinkedHashMap<>();
    private static int depth;
    private static boolean memory;

    private Profiler() {
    }

    /** Starts recording calls on this thread; module paths are taken from {@code root}'s registrations. */
    public static synchronized void start(ArchModule root) {
        start(root, false);
    }

    /**
     * Starts recording; with {@code withMemory} each call also records how much the resident set grew across it
     * ({@link Row#keptBytes}; meaningful with an allocator that returns freed memory at once).
     */
    public static synchronized void start(ArchModule root, boolean withMemory) {
        memory = withMemory;
        Map<Object, String> named = new IdentityHashMap<>();
        collect(root, "", named);
        paths = named;
        ROWS.clear();
        depth = 0;
        recording = Thread.currentThread();
    }

    /** Stops recording. @return the rows, slowest first */
    public static synchronized List<Row> stop() {
        recording = null;
        List<Row> rows = new ArrayList<>(ROWS.values());
        rows.sort((a, b) -> Long.compare(b.nanos, a.nanos));
        ROWS.clear();
        return rows;
    }

    private static void collect(ArchModule m, String prefix, Map<Object, String> named) {
        named.putIfAbsent(m, prefix.isEmpty() ? "(root)" : prefix);
        for (ArchModule.Entry e : m.entries()) {
            if (e.kind() == ArchModule.Kind.CHILD) {
                collect(e.module(), prefix.isEmpty() ? e.name() : prefix + "." + e.name(), named);
            }
        }
    }

    private static boolean active() {
        return recording == Thread.currentThread() && depth == 0;
    }

    /** Runs a primitive module's computation, timed when recording. */
    static Tensor module(ArchModule module, Tensor x, Function<Tensor, Tensor> body, Flops flops) {
        Tensor y;
        if (!active()) {
            y = body.apply(x);
        } else {
            String site = paths.getOrDefault(module, module.typeName() + "@" + System.identityHashCode(module));
            y = timed(site, module.typeName(), () -> body.apply(x), out -> flops.of(x, out));
        }
        ForwardScope.consumed(x, y);
        return y;
    }

    /** Runs an {@link Ops} call, timed when recording, named by its caller's class and line. */
    static Tensor op(String name, Supplier<Tensor> body, Function<Tensor, Long> flops) {
        if (!active()) {
            return body.get();
        }
        StackWalker.StackFrame caller = StackWalker.getInstance().walk(s -> s
                .filter(f -> !f.getClassName().equals(Profiler.class.getName())
                        && !f.getClassName().equals(Ops.class.getName()))
                .findFirst().orElseThrow());
        String cls = caller.getClassName();
        String site = "Ops." + name + " @ " + cls.substring(cls.lastIndexOf('.') + 1) + ":" + caller.getLineNumber();
        return timed(site, name, body, flops);
    }

    private static Tensor timed(String site, String kind, Supplier<Tensor> body, Function<Tensor, Long> flops) {
        depth++;
        long resident = memory ? ResidentBytes.now() : 0;
        long start = System.nanoTime();
        Tensor y;
        try {
            y = body.get();
        } finally {
            depth--;
        }
        long elapsed = System.nanoTime() - start;
        long kept = memory ? ResidentBytes.now() - resident : 0;
        synchronized (Profiler.class) {
            Row row = ROWS.computeIfAbsent(site, s -> new Row(s, kind));
            row.calls++;
            row.nanos += elapsed;
            row.kept += kept;
            row.flops += flops.apply(y);
            row.shape = Ops.shape(y);
            row.bytes += y.numel() * y.element_size();
        }
        return y;
    }

    /** FLOPs of one module call from its input and output. */
    @FunctionalInterface
    interface Flops {
        long of(Tensor in, Tensor out);

        /** Element-wise or normalising work: not counted. */
        Flops NONE = (in, out) -> 0L;
    }

    /** @return {@code shape} as text, e.g. {@code [2, 32, 32, 32, 32]} */
    public static String shapeText(long[] shape) {
        return Arrays.toString(shape);
    }
}
