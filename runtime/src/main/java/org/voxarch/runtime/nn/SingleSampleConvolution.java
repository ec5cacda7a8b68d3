package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.mkldnn_convolution;

import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Inference on one sample at a time, at oneDNN speed. libtorch picks oneDNN for a CPU convolution only if the batch
 * has two or more samples or N·C·D·H exceeds 20480 (a rule tuned for 2-D images); otherwise it uses its reference
 * kernel. For unetrpp-tiny's 8-channel full-resolution layers (8·32·64 = 16384) that made a batch-of-one forward
 * pass take 1.5 s instead of 0.1 s, and sliding-window prediction with mirroring (8 passes per window, one window
 * at a time) about 50 s per case. Without gradients this class calls oneDNN directly, as libtorch itself does for
 * larger batches; with gradients libtorch's own choice stands.
 */
final class SingleSampleConvolution {
    private SingleSampleConvolution() {
    }

    /**
     * @return true for a single float sample on the CPU while gradients are off; with
     *     {@link Kernels#directOnednn()}, for any batch size (libtorch's dispatcher adds layout work around oneDNN)
     */
    static boolean applies(Tensor x) {
        return (x.size(0) == 1 || Kernels.directOnednn()) && !GradMode.is_enabled() && x.is_cpu() && x.scalar_type().intern() == ScalarType.Float
                && torch.globalContext().userEnabledMkldnn();
    }

    /** {@code conv3d(x, weight, bias)} on oneDNN, without groups or dilation. */
    static Tensor conv3d(Tensor x, Tensor weight, Tensor bias, long[] stride, long[] padding) {
        return mkldnn_convolution(x.contiguous(), weight, Tensors.optional(bias), padding, stride,
                Conv3d.NO_DILATION, Conv3d.GROUPS);
    }
}
