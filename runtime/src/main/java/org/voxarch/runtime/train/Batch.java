package org.voxarch.runtime.train;

import static org.bytedeco.pytorch.global.torch.empty;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;

import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A ready batch in Java memory: images {@code [B, C, Z, Y, X]} and labels {@code [B, Z, Y, X]}, row-major. Kept as
 * arrays (not tensors) so loader threads allocate nothing native; {@link #images()} and {@link #labels()} make the
 * tensors on the consuming thread, inside its per-step {@code NativeScope}.
 */
public final class Batch {
    private final int epoch;
    private final int iteration;
    private final int channels;
    private final int[] patch;
    private final float[] images;
    private final byte[] labels;
    private final List<String> caseIds;

    Batch(int epoch, int iteration, int channels, int[] patch, float[] images, byte[] labels, List<String> caseIds) {
        this.epoch = epoch;
        this.iteration = iteration;
        this.channels = channels;
        this.patch = patch.clone();
        this.images = images;
        this.labels = labels;
        this.caseIds = List.copyOf(caseIds);
    }

    /** @return the epoch this batch was drawn for */
    public int epoch() {
        return epoch;
    }

    /** @return its iteration within the epoch */
    public int iteration() {
        return iteration;
    }

    /** @return B */
    public int size() {
        return caseIds.size();
    }

    /** @return C */
    public int channels() {
        return channels;
    }

    /** @return the case each sample came from, in batch order */
    public List<String> caseIds() {
        return caseIds;
    }

    /** @return the image values, {@code [B, C, Z, Y, X]} row-major (live array) */
    public float[] imageArray() {
        return images;
    }

    /** @return the labels, {@code [B, Z, Y, X]} row-major, unsigned (live array) */
    public byte[] labelArray() {
        return labels;
    }

    /** @return a new float32 CPU tensor {@code [B, C, Z, Y, X]} */
    public Tensor images() {
        Tensor t = empty(new long[] {size(), channels, patch[0], patch[1], patch[2]},
                new TensorOptions(ScalarType.Float), new MemoryFormatOptional());
        ((FloatBuffer) t.createBuffer()).put(images);
        return t;
    }

    /** @return a new int64 CPU tensor {@code [B, Z, Y, X]} of class indices */
    public Tensor labels() {
        Tensor bytes = empty(new long[] {size(), patch[0], patch[1], patch[2]}, new TensorOptions(ScalarType.Byte),
                new MemoryFormatOptional());
        ((ByteBuffer) bytes.createBuffer()).put(labels);
        return bytes.to(ScalarType.Long);
    }
}
