package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.baddbmm;
import static org.bytedeco.pytorch.global.torch.bmm;

import org.bytedeco.pytorch.Tensor;

/**
 * Convolutions that are matrix products in disguise, computed as one: 1×1×1 convolutions, and (transposed)
 * convolutions whose kernel equals their stride and that have no padding, where every input (output) voxel belongs
 * to exactly one kernel window. libtorch's oneDNN path converts such layers to and from its blocked channel layout
 * and, for few channels, runs them far below matmul speed; a reshuffle plus one BLAS call does the same arithmetic.
 * Autograd differentiates the composition, so training takes the same path. Switched by
 * {@link Kernels#pointwiseMatmul()} and {@link Kernels#patchMatmul()}.
 */
final class MatmulConvolution {
    private MatmulConvolution() {
    }

    /** @return true for a 1×1×1 kernel with stride 1 and no padding */
    static boolean pointwise(Tensor weight, long[] stride, long[] padding) {
        return Kernels.pointwiseMatmul() && kernelVolume(weight) == 1 && allEqual(stride, 1) && allEqual(padding, 0);
    }

    /** @return true for a kernel larger than 1×1×1 that equals its stride, with no padding */
    static boolean patch(Tensor weight, long[] stride, long[] padding) {
        return Kernels.patchMatmul() && kernelVolume(weight) > 1 && weight.size(2) == stride[0]
                && weight.size(3) == stride[1] && weight.size(4) == stride[2] && allEqual(padding, 0);
    }

    /**
     * 1×1×1 convolution: {@code y[b] = W · x[b]} over the flattened voxels, {@code W [out, in]}, as one batched
     * product with the bias as its addend. (A plain {@code matmul} of the 2-D weight with the 3-D input folds the
     * input into a transposed copy, which backward then keeps: an extra input-sized tensor for the output head.)
     */
    static Tensor pointwiseConv(Tensor x, Tensor weight, Tensor bias) {
        long b = x.size(0);
        long out = weight.size(0);
        long in = weight.size(1);
        Tensor voxels = x.reshape(b, in, -1);
        Tensor w = weight.reshape(1, out, in).expand(b, out, in);
        Tensor y = bias == null ? bmm(w, voxels)
                : baddbmm(bias.reshape(1, out, 1).expand(b, out, voxels.size(2)), w, voxels);
        return y.reshape(b, out, x.size(2), x.size(3), x.size(4));
    }

    /** Convolution with kernel = stride: each output voxel is one window's voxels times the kernel. */
    static Tensor patchConv(Tensor x, Tensor weight, Tensor bias) {
        long b = x.size(0);
        long c = x.size(1);
        long kz = weight.size(2);
        long ky = weight.size(3);
        long kx = weight.size(4);
        long z = x.size(2) / kz;
        long y = x.size(3) / ky;
        long w = x.size(4) / kx;
        // Voxels past the last whole window do not reach the output, as in a strided convolution.
        Tensor whole = x.narrow(2, 0, z * kz).narrow(3, 0, y * ky).narrow(4, 0, w * kx);
        Tensor windows = whole.reshape(b, c, z, kz, y, ky, w, kx).permute(0, 2, 4, 6, 1, 3, 5, 7)
                .reshape(b * z * y * w, c * kz * ky * kx);
        long out = weight.size(0);
        Tensor flat = weight.reshape(out, -1);
        Tensor rows = bias == null ? windows.matmul(flat.t()) : bias.addmm(windows, flat.t());
        return rows.reshape(b, z, y, w, out).permute(0, 4, 1, 2, 3).contiguous();
    }

    /** Transposed convolution with kernel = stride: each input voxel paints one output window. */
    static Tensor patchConvTranspose(Tensor x, Tensor weight, Tensor bias) {
        long b = x.size(0);
        long in = weight.size(0);
        long out = weight.size(1);
        long kz = weight.size(2);
        long ky = weight.size(3);
        long kx = weight.size(4);
        long z = x.size(2);
        long y = x.size(3);
        long w = x.size(4);
        long window = kz * ky * kx;
        Tensor tokens = x.permute(0, 2, 3, 4, 1).reshape(b * z * y * w, in);
        Tensor flat = weight.reshape(in, out * window);
        // The bias goes in with the product (one value per output channel, repeated over its window), so that the
        // reshuffle below is the only pass over the output.
        Tensor painted = bias == null ? tokens.matmul(flat)
                : bias.reshape(out, 1).expand(out, window).reshape(1, out * window).addmm(tokens, flat);
        return painted.reshape(b, z, y, w, out, kz, ky, kx).permute(0, 4, 1, 5, 2, 6, 3, 7)
                .reshape(b, out, z * kz, y * ky, w * kx);
    }

    private static long kernelVolume(Tensor weight) {
        return weight.size(2) * weight.size(3) * weight.size(4);
    }

    private static boolean allEqual(long[] values, long v) {
        for (long x : values) {
            if (x != v) {
                return false;
            }
        }
        return true;
    }
}
