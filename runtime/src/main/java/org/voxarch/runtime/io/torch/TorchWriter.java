package org.voxarch.runtime.io.torch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.io.AtomicFiles;
import org.voxarch.runtime.io.TensorFileException;

/**
 * Writes {@code torch.save}'s zip format (protocol-2 {@code data.pkl}, one stored entry per storage, and the
 * {@code version} record the reader requires), and plain pickles. Tensors sharing memory (aliases such as UNETR++'s
 * E/F) are written as one storage, so they load as one tensor in PyTorch too.
 */
public final class TorchWriter {
    /** The serialization format version torch 1.6 to 2.x write and read. */
    private static final String FORMAT_VERSION = "3\n";
    private static final int CHUNK = 1 << 20;

    private TorchWriter() {
    }

    /**
     * Writes {@code object} with every {@link Tensor} in it (at any depth of maps, lists and tuples) saved as a
     * torch tensor. The file is replaced atomically.
     *
     * @param object data as {@link Pickler} takes it, with tensors in place of storage views
     */
    public static void save(Path file, Object object) {
        String archive = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Map<String, Tensor> storages = new LinkedHashMap<>();
        Object pickled = replaceTensors(object, storages, new HashMap<>());
        byte[] data = Pickler.pickle(pickled);
        try {
            AtomicFiles.writeStream(file, stream -> {
                try (ZipOutputStream zip = new ZipOutputStream(stream)) {
                    storedEntry(zip, archive + "/data.pkl", data);
                    for (Map.Entry<String, Tensor> s : storages.entrySet()) {
                        storedEntry(zip, archive + "/data/" + s.getKey(), s.getValue());
                    }
                    storedEntry(zip, archive + "/version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
                }
            });
        } catch (IOException e) {
            throw new TensorFileException(file, "cannot be written: " + e, e);
        }
    }

    /** Writes a plain pickle (no tensors), atomically. */
    public static void savePickle(Path file, Object object) {
        try {
            AtomicFiles.writeStream(file, stream -> stream.write(Pickler.pickle(object)));
        } catch (IOException e) {
            throw new TensorFileException(file, "cannot be written: " + e, e);
        }
    }

    /** Tensors become storage views; one storage per distinct memory block (address and size). */
    private static Object replaceTensors(Object v, Map<String, Tensor> storages, Map<String, String> keyOfMemory) {
        if (v instanceof Tensor t) {
            Tensor c = t.detach().cpu().contiguous();
            TorchDtype dtype = TorchDtype.of(c.scalar_type()).orElseThrow(
                    () -> new IllegalArgumentException("no torch storage type for " + c.scalar_type()));
            String memory = c.data_ptr().address() + ":" + c.nbytes();
            String key = keyOfMemory.computeIfAbsent(memory, m -> {
                String k = Integer.toString(storages.size());
                storages.put(k, c);
                return k;
            });
            return new Pickler.StorageView(key, dtype, c.numel(), 0, c.sizes().vec().get());
        }
        if (v instanceof Pickler.OrderedDict d) {
            return new Pickler.OrderedDict((Map<?, ?>) replaceTensors(d.items(), storages, keyOfMemory));
        }
        if (v instanceof Pickler.Tuple t) {
            return new Pickler.Tuple((java.util.List<?>) replaceTensors(t.items(), storages, keyOfMemory));
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, replaceTensors(x, storages, keyOfMemory)));
            return out;
        }
        if (v instanceof java.util.List<?> l) {
            return l.stream().map(x -> replaceTensors(x, storages, keyOfMemory)).toList();
        }
        return v;
    }

    private static void storedEntry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        zip.putNextEntry(stored(name, data.length, crc.getValue()));
        zip.write(data);
        zip.closeEntry();
    }

    private static void storedEntry(ZipOutputStream zip, String name, Tensor t) throws IOException {
        long bytes = t.nbytes();
        BytePointer base = new BytePointer(t.data_ptr());
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(bytes, 1))];
        forChunks(base, bytes, chunk, (b, n) -> crc.update(b, 0, n));
        zip.putNextEntry(stored(name, bytes, crc.getValue()));
        OutputStream out = zip;
        forChunks(base, bytes, chunk, (b, n) -> out.write(b, 0, n));
        zip.closeEntry();
    }

    private interface ChunkSink {
        void accept(byte[] chunk, int length) throws IOException;
    }

    private static void forChunks(BytePointer base, long bytes, byte[] chunk, ChunkSink sink) throws IOException {
        for (long done = 0; done < bytes; ) {
            int n = (int) Math.min(chunk.length, bytes - done);
            base.position(done).get(chunk, 0, n);
            sink.accept(chunk, n);
            done += n;
        }
    }

    private static ZipEntry stored(String name, long size, long crc) {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        return e;
    }
}
