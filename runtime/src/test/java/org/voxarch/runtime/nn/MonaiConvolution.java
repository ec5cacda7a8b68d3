package org.voxarch.runtime.nn;

import org.bytedeco.pytorch.Tensor;

/** MONAI's {@code Convolution} wrapper as the reference uses it: one child named {@code conv}. */
final class MonaiConvolution extends Layer {
    private final Conv3d conv;

    MonaiConvolution(Conv3d conv) {
        super("Convolution");
        this.conv = registerChild("conv", conv);
    }

    /** A bias-free cubic convolution padded by ⌊(k − s + 1)/2⌋, as MONAI's {@code get_conv_layer} builds it. */
    static MonaiConvolution cubic(long in, long out, long kernel, long stride) {
        long pad = (kernel - stride + 1) / 2;
        return new MonaiConvolution(new Conv3d(in, out, new long[] {kernel, kernel, kernel},
                new long[] {stride, stride, stride}, new long[] {pad, pad, pad}, false));
    }

    @Override
    public Tensor forward(Tensor x) {
        return conv.forward(x);
    }
}
