package org.voxarch.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

class DeepSupervisionLossTest {
    private static final DiceCrossEntropyLoss BASE = new DiceCrossEntropyLoss(false);

    private static Tensor[] heads() {
        torch.manual_seed(3);
        return new Tensor[] {torch.randn(2, 3, 8, 8, 8), torch.randn(2, 3, 4, 4, 4), torch.randn(2, 3, 2, 2, 2)};
    }

    private static Tensor target() {
        torch.manual_seed(4);
        return torch.randint(3, new long[] {2, 8, 8, 8}).to(ScalarType.Long);
    }

    @Test
    void defaultWeightsAreTheNormalisedHalvings() {
        assertArrayEquals(new double[] {4.0 / 7, 2.0 / 7, 1.0 / 7}, DeepSupervisionLoss.weights(3), 1e-12);
        double implicit = new DeepSupervisionLoss(BASE).compute(heads(), target()).item_double();
        double explicit = new DeepSupervisionLoss(BASE, DeepSupervisionLoss.weights(3)).compute(heads(), target())
                .item_double();
        assertEquals(implicit, explicit, 1e-7);
    }

    @Test
    void explicitWeightsSelectHeads() {
        Tensor[] h = heads();
        double onlyFull = new DeepSupervisionLoss(BASE, new double[] {1, 0, 0}).compute(h, target()).item_double();
        assertEquals(BASE.compute(h[0], target()).item_double(), onlyFull, 1e-7);
        assertThrows(IllegalArgumentException.class,
                () -> new DeepSupervisionLoss(BASE, new double[] {1, 0}).compute(h, target()));
    }
}
