package org.voxarch.runtime.io.torch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes plain Java data as a protocol-2 pickle (what {@code torch.save} writes): null, Boolean, Integer/Long,
 * Double, String, {@link List} (a Python list), {@link Tuple}, {@link Map} (a dict), {@link OrderedDict}, and
 * {@link StorageView}s as torch tensors whose storages are written by the caller.
 */
final class Pickler {
    /** A Python tuple. */
    record Tuple(List<?> items) {
        static Tuple of(Object... items) {
            return new Tuple(java.util.Arrays.asList(items));
        }
    }

    /** A {@code collections.OrderedDict}. */
    record OrderedDict(Map<?, ?> items) {
    }

    /** A tensor: a contiguous view of storage {@code key} (the zip entry {@code data/<key>}). */
    record StorageView(String key, TorchDtype dtype, long storageElements, long offset, long[] shape) {
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** @return the pickle of {@code value} */
    static byte[] pickle(Object value) {
        Pickler p = new Pickler();
        p.out.write(0x80);
        p.out.write(2);
        p.write(value);
        p.out.write('.');
        return p.out.toByteArray();
    }

    private void write(Object v) {
        if (v == null) {
            out.write('N');
        } else if (v instanceof Boolean b) {
            out.write(b ? 0x88 : 0x89);
        } else if (v instanceof Integer || v instanceof Long) {
            writeInt(((Number) v).longValue());
        } else if (v instanceof Double d) {
            out.write('G');
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(d).array());
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            out.writeBytes(le32(b.length));
            out.writeBytes(b);
        } else if (v instanceof Tuple t) {
            out.write('(');
            t.items().forEach(this::write);
            out.write('t');
        } else if (v instanceof List<?> l) {
            out.write(']');
            if (!l.isEmpty()) {
                out.write('(');
                l.forEach(this::write);
                out.write('e');
            }
        } else if (v instanceof OrderedDict d) {
            global("collections", "OrderedDict");
            out.write(')');
            out.write('R');
            setItems(d.items());
        } else if (v instanceof Map<?, ?> m) {
            out.write('}');
            setItems(m);
        } else if (v instanceof StorageView s) {
            writeTensor(s);
        } else {
            throw new IllegalArgumentException("cannot pickle " + v.getClass().getName());
        }
    }

    private void setItems(Map<?, ?> m) {
        if (m.isEmpty()) {
            return;
        }
        out.write('(');
        m.forEach((k, v) -> {
            write(k);
            write(v);
        });
        out.write('u');
    }

    /** {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())}. */
    private void writeTensor(StorageView s) {
        global("torch._utils", "_rebuild_tensor_v2");
        out.write('(');
        out.write('(');
        write("storage");
        global("torch", s.dtype().storageName());
        write(s.key());
        write("cpu");
        writeInt(s.storageElements());
        out.write('t');
        out.write('Q');
        writeInt(s.offset());
        long[] stride = new long[s.shape().length];
        long step = 1;
        for (int i = stride.length - 1; i >= 0; i--) {
            stride[i] = step;
            step *= s.shape()[i];
        }
        write(longs(s.shape()));
        write(longs(stride));
        write(Boolean.FALSE);
        write(new OrderedDict(Map.of()));
        out.write('t');
        out.write('R');
    }

    private static Tuple longs(long[] values) {
        return new Tuple(java.util.Arrays.stream(values).boxed().toList());
    }

    private void global(String module, String name) {
        out.write('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void writeInt(long v) {
        if (v >= 0 && v < 256) {
            out.write('K');
            out.write((int) v);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            out.writeBytes(le32((int) v));
        } else {
            out.write(0x8a);
            out.write(8);
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
