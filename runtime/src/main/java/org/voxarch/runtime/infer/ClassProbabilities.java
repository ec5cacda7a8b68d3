package org.voxarch.runtime.infer;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Per-class softmax probabilities on a grid, held in native memory as a CPU float32 tensor {@code [K, Z, Y, X]}
 * (a 14-class prediction over a large CT is gigabytes: it stays off the Java heap, and classes are copied out one
 * at a time). Close it to free the memory at once rather than at the next garbage collection.
 */
public final class ClassProbabilities implements AutoCloseable {
    private final Tensor probabilities;
    private final int[] shape;

    /**
     * Takes ownership of {@code probabilities}, a contiguous CPU float tensor [K, Z, Y, X] that no scope frees (one
     * from {@link org.voxarch.runtime.memory.NativeScope#keep}).
     */
    ClassProbabilities(Tensor probabilities) {
        this.probabilities = probabilities;
        this.shape = new int[] {(int) probabilities.size(1), (int) probabilities.size(2), (int) probabilities.size(3)};
    }

    /** @return the number of classes K */
    public int classes() {
        return (int) probabilities.size(0);
    }

    /** @return (z, y, x) of the grid */
    public int[] shape() {
        return shape.clone();
    }

    /** @return voxels in the grid */
    public int voxels() {
        return shape[0] * shape[1] * shape[2];
    }

    /** @return a copy of class {@code k}'s probabilities, row-major (z, y, x) */
    public float[] channel(int k) {
        float[] out = new float[voxels()];
        Tensor c = probabilities.select(0, k);
        ((FloatBuffer) c.createBuffer()).get(out);
        return out;
    }

    /** @return the most probable class per voxel (the first on ties), as unsigned bytes */
    public byte[] argmax() {
        Tensor labels = probabilities.argmax(new LongOptional(0), false).to(ScalarType.Byte).contiguous();
        byte[] out = new byte[voxels()];
        ((ByteBuffer) labels.createBuffer()).get(out);
        return out;
    }

    /** @return the underlying tensor (not a copy; valid until {@link #close}) */
    public Tensor tensor() {
        return probabilities;
    }

    /** Frees the native memory. */
    @Override
    public void close() {
        probabilities.close();
    }
}
