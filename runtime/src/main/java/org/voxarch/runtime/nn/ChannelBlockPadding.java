package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.zeros;

import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Works around a wrong convolution gradient in the oneDNN that libtorch 2.10 (JavaCPP 1.5.13) bundles: when libtorch
 * runs a 3-D convolution on oneDNN (its CPU path for all but small single samples), the gradient with respect to its
 * <em>input</em> is wrong — typically off by 30–80 %, at times NaN, and different from run to run — whenever the
 * number of output channels is not a multiple of the kernel's channel block (8 with AVX2, 16 with AVX-512). The
 * output and the weight gradient are right. unetrpp-tiny's 8-channel full-resolution convolutions hit it on every
 * step, so everything upstream of them trained on garbage gradients and the loss went to NaN.
 *
 * <p>The workaround gives the convolution zero filters up to a multiple of 16 output channels and drops them
 * again: the kernel then needs no channel padding, the extra outputs are zero and get a zero gradient, and the real
 * channels are unchanged. It is used only when an input gradient will be computed (training); inference takes the
 * plain path.
 */
final class ChannelBlockPadding {
    /** The largest channel block (AVX-512); a multiple of every smaller one. */
    static final long CHANNEL_BLOCK = 16;

    private ChannelBlockPadding() {
    }

    /**
     * @return true if convolving {@code x} with {@code weight} would give a wrong input gradient. 1×1×1 kernels run
     *     in oneDNN's separate 1×1 implementation, which is right, so they are left alone.
     */
    static boolean needed(Tensor x, Tensor weight) {
        boolean pointwise = weight.size(2) * weight.size(3) * weight.size(4) == 1;
        return weight.size(0) % CHANNEL_BLOCK != 0 && !pointwise && GradMode.is_enabled() && x.requires_grad()
                && x.is_cpu() && x.scalar_type().intern() == ScalarType.Float
                && torch.globalContext().userEnabledMkldnn();
    }

    /** {@code conv3d(x, weight, bias)} computed with the output channels padded to a multiple of the block. */
    static Tensor conv3d(Tensor x, Tensor weight, Tensor bias, long[] stride, long[] padding) {
        long out = weight.size(0);
        long extra = (out + CHANNEL_BLOCK - 1) / CHANNEL_BLOCK * CHANNEL_BLOCK - out;
        long[] filterShape = weight.sizes().vec().get();
        filterShape[0] = extra;
        Tensor paddedWeight = cat(new TensorVector(weight, zeros(filterShape)), 0);
        TensorOptional paddedBias = bias == null ? new TensorOptional()
                : new TensorOptional(cat(new TensorVector(bias, zeros(extra)), 0));
        return torch.conv3d(x, paddedWeight, paddedBias, stride, padding, Conv3d.NO_DILATION, Conv3d.GROUPS)
                .narrow(1, 0, out);
    }
}
