package org.voxarch.runtime.infer;

import static org.bytedeco.pytorch.global.torch.one_hot;

import java.util.function.Function;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Stand-ins for a segmentation network whose answer is known. */
final class FakeNetworks {
    private FakeNetworks() {
    }

    /**
     * Reads channel 0 of its input as a label map and answers with logits 10 for that label and 0 for the others,
     * so the softmax is sharply one-hot on the input's labels (and mirroring commutes with it).
     */
    static Function<Tensor, Tensor[]> labelEcho(int classes) {
        return x -> new Tensor[] {one_hot(x.select(1, 0).to(ScalarType.Long), classes).permute(0, 4, 1, 2, 3)
                .to(ScalarType.Float).mul(new Scalar(10.0))};
    }
}
