package org.voxarch.runtime.io.torch;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.io.TensorFileException;

/**
 * A file written by {@code torch.save}: the zip format (torch 1.6 and later: {@code <name>/data.pkl} and one entry
 * {@code <name>/data/<key>} per storage) or the legacy format (a magic number, protocol and system-info pickles, the
 * object's pickle, the list of storage keys, then each storage as a little-endian element count and its bytes).
 *
 * <p>The object comes out as plain Java data (see {@link Unpickler}) with tensors as {@link TensorRef}s; storages
 * are read only when a tensor asks, from the file, which stays open until {@link #close}.
 */
public final class TorchCheckpoint implements AutoCloseable {
    /** Keys under which checkpoints keep a state dict, in the order they are tried. */
    public static final List<String> STATE_DICT_KEYS = List.of("state_dict", "model", "network_weights");
    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long LEGACY_PROTOCOL = 1001;
    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final Object root;
    private final AutoCloseable source;

    private TorchCheckpoint(Path file, Object root, AutoCloseable source) {
        this.file = file;
        this.root = root;
        this.source = source;
    }

    /** @return true if the file starts like a {@code torch.save} file (a zip, or a pickle) */
    public static boolean looksLikeTorchFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && ((head[0] == 'P' && head[1] == 'K') || (head[0] == (byte) 0x80
                    && head[1] >= 2 && head[1] <= 5));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens a {@code torch.save} file and reads its object (not yet its storages).
     *
     * @throws TensorFileException naming the file if it is missing, truncated or malformed, or its pickle names a
     *                             global outside the allow-list
     */
    public static TorchCheckpoint open(Path file) {
        return reading(file, () -> {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(2);
            }
            return head.length == 2 && head[0] == 'P' && head[1] == 'K' ? openZip(file) : openLegacy(file);
        });
    }

    /**
     * Reads a plain pickle file (nnU-Net's {@code .model.pkl}); it may hold numpy values but no tensors.
     *
     * @throws TensorFileException naming the file
     */
    public static Object readPickle(Path file) {
        return reading(file, () -> {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                return Unpickler.load(in, pid -> {
                    throw new PickleException("a plain pickle refers to a storage (" + pid + ")");
                });
            }
        });
    }

    /** Reading that may fail. */
    private interface Reading<T> {
        T run() throws IOException;
    }

    /** Runs a read, every failure reported as a {@link TensorFileException} naming the file. */
    private static <T> T reading(Path file, Reading<T> action) {
        try {
            return action.run();
        } catch (NoSuchFileException e) {
            throw new TensorFileException(file, "no such file", e);
        } catch (PickleException e) {
            throw new TensorFileException(file, e.getMessage(), e);
        } catch (EOFException e) {
            throw new TensorFileException(file, "truncated: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TensorFileException(file, "cannot be read: " + e, e);
        }
    }

    /** @return the saved object: maps, lists, numbers, strings, {@link TensorRef}s, {@link NumpyArray}s */
    public Object root() {
        return root;
    }

    public Path file() {
        return file;
    }

    /**
     * The state dict the file holds: the object itself if it maps names to tensors, else the one under
     * {@link #STATE_DICT_KEYS}. A {@code module.} prefix on every key (from {@code nn.DataParallel}) is dropped, as
     * nnU-Net does. The tensors view shared memory where the file's storages are shared.
     *
     * @throws TensorFileException naming the file if there is none, or a storage cannot be read
     */
    public LinkedHashMap<String, Tensor> stateDict() {
        Map<?, ?> dict = findStateDict();
        boolean prefixed = !dict.isEmpty() && dict.keySet().stream().allMatch(k -> ((String) k).startsWith("module."));
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            String key = (String) e.getKey();
            out.put(prefixed ? key.substring("module.".length()) : key, ((TensorRef) e.getValue()).tensor());
        }
        return out;
    }

    private Map<?, ?> findStateDict() {
        if (isStateDict(root)) {
            return (Map<?, ?>) root;
        }
        if (root instanceof Map<?, ?> m) {
            for (String key : STATE_DICT_KEYS) {
                if (isStateDict(m.get(key))) {
                    return (Map<?, ?>) m.get(key);
                }
            }
            throw new TensorFileException(file, "holds no state dict: neither the file's dict nor its "
                    + String.join("/", STATE_DICT_KEYS) + " entry maps names to tensors (its keys: "
                    + m.keySet() + ")");
        }
        throw new TensorFileException(file, "holds a " + Unpickler.describe(root) + ", not a state dict");
    }

    private static boolean isStateDict(Object o) {
        return o instanceof Map<?, ?> m && !m.isEmpty() && m.keySet().stream().allMatch(k -> k instanceof String)
                && m.values().stream().allMatch(v -> v instanceof TensorRef);
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (Exception e) {
            throw new TensorFileException(file, "cannot be closed: " + e, e);
        }
    }

    private static TorchCheckpoint openZip(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new TensorFileException(file, "not a complete zip archive (truncated or damaged: "
                    + e.getMessage() + ")", e);
        }
        try {
            ZipEntry pickle = zip.stream().filter(e -> e.getName().endsWith("data.pkl")
                    && e.getName().indexOf('/') == e.getName().length() - "/data.pkl".length()).findFirst()
                    .orElseThrow(() -> new TensorFileException(file, "a zip archive without <name>/data.pkl;"
                            + " not written by torch.save"));
            String prefix = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            Map<String, TorchStorage> storages = new HashMap<>();
            Object root;
            try (InputStream in = new BufferedInputStream(zip.getInputStream(pickle))) {
                root = Unpickler.load(in, pid -> storages.computeIfAbsent(storageKey(pid), key -> {
                    TorchDtype dtype = storageDtype(pid);
                    String name = prefix + "data/" + key;
                    ZipEntry entry = zip.getEntry(name);
                    if (entry == null) {
                        throw new TensorFileException(file, "storage " + key + " has no entry " + name
                                + " in the archive (incomplete file?)");
                    }
                    return new TorchStorage(key, dtype, entry.getSize() / dtype.bytes(),
                            t -> fill(file, t, () -> zip.getInputStream(entry)));
                }));
            }
            return new TorchCheckpoint(file, root, zip);
        } catch (RuntimeException | IOException e) {
            zip.close();
            throw e;
        }
    }

    private static TorchCheckpoint openLegacy(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            CountingStream in = new CountingStream(new BufferedInputStream(Files.newInputStream(file)));
            Object root;
            List<Object> keys;
            Map<String, TorchDtype> types = new HashMap<>();
            Map<String, Long> offsets = new HashMap<>();
            Map<String, TorchStorage> storages = new HashMap<>();
            try (in) {
                if (!LEGACY_MAGIC.equals(Unpickler.load(in, TorchCheckpoint::noStorage))) {
                    throw new TensorFileException(file, "neither a zip archive nor a legacy torch.save file"
                            + " (no magic number)");
                }
                Object protocol = Unpickler.load(in, TorchCheckpoint::noStorage);
                if (!Long.valueOf(LEGACY_PROTOCOL).equals(protocol)) {
                    throw new TensorFileException(file, "legacy torch.save protocol " + protocol
                            + " (only " + LEGACY_PROTOCOL + " is known)");
                }
                Object sysInfo = Unpickler.load(in, TorchCheckpoint::noStorage);
                if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
                    throw new TensorFileException(file, "written on a big-endian machine; not supported");
                }
                root = Unpickler.load(in, pid -> storages.computeIfAbsent(storageKey(pid), key -> {
                    List<Object> fields = PickleGlobals.list(pid, "persistent id");
                    if (fields.size() > 5 && fields.get(5) != null) {
                        throw new PickleException("storage " + key + " is a view of another storage (torch < 1.0);"
                                + " not supported");
                    }
                    TorchDtype dtype = storageDtype(pid);
                    types.put(key, dtype);
                    return new TorchStorage(key, dtype, PickleGlobals.number(fields.get(4)), t -> {
                        Long offset = offsets.get(key);
                        if (offset == null) {
                            throw new TensorFileException(file, "storage " + key + " is not in the file's data");
                        }
                        // Positional reads through a stream that leaves the channel open for the next storage.
                        fill(file, t, () -> new FilterInputStream(Channels.newInputStream(channel.position(offset))) {
                            @Override
                            public void close() {
                            }
                        });
                    });
                }));
                keys = PickleGlobals.list(Unpickler.load(in, TorchCheckpoint::noStorage), "storage key list");
            }
            long position = in.count;
            long size = channel.size();
            ByteBuffer count = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            for (Object k : keys) {
                String key = String.valueOf(k);
                TorchDtype dtype = types.get(key);
                count.clear();
                if (dtype == null || channel.read(count, position) < 8) {
                    throw new TensorFileException(file, dtype == null ? "storage " + key + " is listed but never"
                            + " used" : "truncated: storage " + key + " should start at byte " + position
                            + " of " + size);
                }
                long elements = count.getLong(0);
                offsets.put(key, position + 8);
                position += 8 + elements * dtype.bytes();
                if (position > size) {
                    throw new TensorFileException(file, "truncated: storage " + key + " ends at byte " + position
                            + " but the file has " + size);
                }
            }
            return new TorchCheckpoint(file, root, channel);
        } catch (RuntimeException | IOException e) {
            channel.close();
            throw e;
        }
    }

    private static Object noStorage(Object pid) {
        throw new PickleException("unexpected storage reference in a header pickle");
    }

    private static String storageKey(Object pid) {
        List<Object> fields = PickleGlobals.list(pid, "persistent id");
        if (fields.size() < 5 || !"storage".equals(fields.get(0))) {
            throw new PickleException("unknown persistent id " + fields);
        }
        return String.valueOf(fields.get(2));
    }

    private static TorchDtype storageDtype(Object pid) {
        Object type = PickleGlobals.list(pid, "persistent id").get(1);
        if (type instanceof PickleGlobals.StorageType t) {
            return t.dtype();
        }
        throw new PickleException("storage of unknown type " + Unpickler.describe(type));
    }

    /** Source of a storage's bytes. */
    private interface Opener {
        InputStream open() throws IOException;
    }

    /** Copies a storage's bytes into the tensor's memory, 1 MiB at a time (no heap copy of the whole storage). */
    private static void fill(Path file, Tensor t, Opener opener) {
        long bytes = t.nbytes();
        BytePointer base = new BytePointer(t.data_ptr());
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(bytes, 1))];
        try (InputStream in = opener.open()) {
            for (long done = 0; done < bytes; ) {
                int n = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, bytes - done));
                if (n <= 0) {
                    throw new TensorFileException(file, "truncated: a storage ends after " + done + " of " + bytes
                            + " bytes");
                }
                base.position(done).put(chunk, 0, n);
                done += n;
            }
        } catch (IOException e) {
            throw new TensorFileException(file, "cannot read a storage: " + e, e);
        }
    }

    /** Counts the bytes read through it, so the legacy format's data section can be found after the pickles. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
