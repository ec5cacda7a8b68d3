package org.voxarch.runtime.io.torch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a pickle (protocols 2 to 5) into plain Java values without running anything it names: dicts become
 * {@link LinkedHashMap}, lists and tuples {@link List} (tuples unmodifiable), ints {@link Long} (or
 * {@link BigInteger}), floats {@link Double}, str {@link String}, bytes {@code byte[]}, None {@code null}.
 *
 * <p>Globals are the allow-list of {@link PickleGlobals}; any other is an error naming it. Persistent ids (how
 * {@code torch.save} refers to storages) are handed to the caller's resolver.
 */
final class Unpickler {
    private static final Object MARK = new Object();

    private final InputStream in;
    private final Function<Object, Object> persistentLoad;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final ArrayList<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private long position;

    /**
     * @param in             positioned at the pickle; exactly the pickle's bytes are consumed
     * @param persistentLoad turns a persistent id into the object it stands for
     */
    Unpickler(InputStream in, Function<Object, Object> persistentLoad) {
        this.in = in;
        this.persistentLoad = persistentLoad;
    }

    /** @return the unpickled object */
    static Object load(InputStream in, Function<Object, Object> persistentLoad) throws IOException {
        return new Unpickler(in, persistentLoad).load();
    }

    Object load() throws IOException {
        while (true) {
            long at = position;
            int op = u8();
            switch (op) {
                case 0x80 -> { // PROTO
                    int protocol = u8();
                    if (protocol > 5) {
                        throw new PickleException("pickle protocol " + protocol + " is not supported (2 to 5 are)");
                    }
                }
                case 0x95 -> skip(8); // FRAME: a length hint only
                case '.' -> { // STOP
                    return pop();
                }
                case '(' -> { // MARK
                    marks.add(stack.size());
                    stack.add(MARK);
                }
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push((long) le(4).getInt());
                case 'K' -> push((long) u8());
                case 'M' -> push((long) (le(2).getShort() & 0xffff));
                case 0x8a -> push(long1(bytes(u8())));
                case 0x8b -> push(long1(bytes(le(4).getInt())));
                case 'G' -> push(ByteBuffer.wrap(bytes(8)).order(ByteOrder.BIG_ENDIAN).getDouble());
                case 'X' -> push(utf8(le(4).getInt()));
                case 0x8c -> push(utf8(u8()));
                case 0x8d -> push(utf8(length(le(8).getLong())));
                case 'T' -> push(new String(bytes(le(4).getInt()), StandardCharsets.ISO_8859_1));
                case 'U' -> push(new String(bytes(u8()), StandardCharsets.ISO_8859_1));
                case 'B' -> push(bytes(le(4).getInt()));
                case 'C' -> push(bytes(u8()));
                case 0x8e -> push(bytes(length(le(8).getLong())));
                case 0x96 -> push(bytes(length(le(8).getLong()))); // BYTEARRAY8
                case '}' -> push(new LinkedHashMap<Object, Object>());
                case ']' -> push(new ArrayList<Object>());
                case ')' -> push(List.of());
                case 'l' -> push(new ArrayList<>(popMark()));
                case 't' -> push(tuple(popMark()));
                case 'd' -> push(dict(popMark()));
                case 0x85 -> push(tuple(List.of(pop())));
                case 0x86 -> {
                    Object b = pop();
                    push(tuple(List.of(pop(), b)));
                }
                case 0x87 -> {
                    Object c = pop();
                    Object b = pop();
                    push(tuple(List.of(pop(), b, c)));
                }
                case 'a' -> {
                    Object v = pop();
                    list(peek(), at).add(v);
                }
                case 'e' -> {
                    List<Object> items = popMark();
                    list(peek(), at).addAll(items);
                }
                case 's' -> {
                    Object v = pop();
                    Object k = pop();
                    map(peek(), at).put(k, v);
                }
                case 'u' -> {
                    List<Object> items = popMark();
                    map(peek(), at).putAll(dict(items));
                }
                case 'q' -> memo.put((long) u8(), peek());
                case 'r' -> memo.put(le(4).getInt() & 0xffffffffL, peek());
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'h' -> push(memoGet(u8()));
                case 'j' -> push(memoGet(le(4).getInt() & 0xffffffffL));
                case 'c' -> push(PickleGlobals.find(line(), line()));
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    push(PickleGlobals.find(string(pop(), at), string(name, at)));
                }
                case 'R' -> { // REDUCE
                    Object args = pop();
                    push(callable(pop(), at).call(listOf(args, at)));
                }
                case 0x81 -> { // NEWOBJ: cls.__new__(cls, *args)
                    Object args = pop();
                    push(callable(pop(), at).call(listOf(args, at)));
                }
                case 'b' -> { // BUILD
                    Object state = pop();
                    PickleGlobals.build(peek(), state);
                }
                case 'Q' -> push(persistentLoad.apply(pop())); // BINPERSID
                default -> throw new PickleException(String.format(
                        "unsupported pickle opcode 0x%02x at byte %d", op, at));
            }
        }
    }

    private PickleGlobals.Callable callable(Object o, long at) {
        if (o instanceof PickleGlobals.Callable c) {
            return c;
        }
        throw new PickleException("byte " + at + ": cannot call " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, long at) {
        if (o instanceof ArrayList<?> l) {
            return (List<Object>) l;
        }
        throw new PickleException("byte " + at + ": append to " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> map(Object o, long at) {
        if (o instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new PickleException("byte " + at + ": set item of " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOf(Object o, long at) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new PickleException("byte " + at + ": arguments are " + describe(o) + ", not a tuple");
    }

    private static String string(Object o, long at) {
        if (o instanceof String s) {
            return s;
        }
        throw new PickleException("byte " + at + ": global name is " + describe(o));
    }

    static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private static Map<Object, Object> dict(List<Object> items) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            m.put(items.get(i), items.get(i + 1));
        }
        return m;
    }

    private static Object long1(byte[] littleEndian) {
        if (littleEndian.length == 0) {
            return 0L;
        }
        byte[] big = new byte[littleEndian.length];
        for (int i = 0; i < big.length; i++) {
            big[i] = littleEndian[big.length - 1 - i];
        }
        BigInteger v = new BigInteger(big);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw new PickleException("pickle refers to memo entry " + index + ", which was never stored");
        }
        return memo.get(index);
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object peek() {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw new PickleException("malformed pickle: stack underflow at byte " + position);
        }
        return stack.get(stack.size() - 1);
    }

    private Object pop() {
        Object o = peek();
        stack.remove(stack.size() - 1);
        return o;
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new PickleException("malformed pickle: no mark at byte " + position);
        }
        int m = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    private int u8() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("pickle ends at byte " + position + " without STOP");
        }
        position++;
        return b;
    }

    private byte[] bytes(int n) throws IOException {
        if (n < 0) {
            throw new PickleException("malformed pickle: negative length at byte " + position);
        }
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("pickle ends at byte " + (position + b.length) + " inside a " + n + "-byte value");
        }
        position += n;
        return b;
    }

    private static int length(long n) {
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new PickleException("pickle value of " + n + " bytes is too large");
        }
        return (int) n;
    }

    private ByteBuffer le(int n) throws IOException {
        return ByteBuffer.wrap(bytes(n)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void skip(int n) throws IOException {
        bytes(n);
    }

    private String utf8(int n) throws IOException {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = u8(); c != '\n'; c = u8()) {
            sb.append((char) c);
        }
        return sb.toString();
    }
}
