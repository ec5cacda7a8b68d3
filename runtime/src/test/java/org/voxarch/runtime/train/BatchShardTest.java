package org.voxarch.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.data.PreprocessedCase;

class BatchShardTest {
    private static final int[] PATCH = {16, 16, 16};
    private static final List<PreprocessedCase> CASES = TrainFixtures.boxCases("case", 3, new int[] {20, 24, 28}, 3,
            21);

    private static BatchLoader loader(BatchShard.Sized shard) {
        return new BatchLoader(CASES, new PatchSampler(PATCH, 0.125), Augmentations.reference(false), shard, 0.33, 9,
                1, 1);
    }

    @Test
    void theShardsOfEveryRankTogetherAreTheWholeBatch() {
        int global = 4;
        try (BatchLoader whole = loader(BatchShard.WHOLE.ofGlobal(global))) {
            for (int iteration = 0; iteration < 3; iteration++) {
                Batch all = whole.load(2, iteration);
                List<String> ids = new ArrayList<>();
                float[] images = new float[all.imageArray().length];
                byte[] labels = new byte[all.labelArray().length];
                for (int rank = 0; rank < 2; rank++) {
                    try (BatchLoader part = loader(new BatchShard(rank, 2).ofGlobal(global))) {
                        Batch b = part.load(2, iteration);
                        assertEquals(2, b.size());
                        System.arraycopy(b.imageArray(), 0, images, rank * b.imageArray().length,
                                b.imageArray().length);
                        System.arraycopy(b.labelArray(), 0, labels, rank * b.labelArray().length,
                                b.labelArray().length);
                        ids.addAll(b.caseIds());
                    }
                }
                assertEquals(all.caseIds(), ids);
                assertArrayEquals(all.imageArray(), images, "images of iteration " + iteration);
                assertArrayEquals(all.labelArray(), labels, "labels of iteration " + iteration);
            }
        }
    }

    @Test
    void aBatchTheRanksCannotShareEquallyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchShard(0, 2).ofGlobal(3));
        assertEquals("a global batch of 3 cannot be shared equally by 2 ranks", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchShard(2, 2));
    }
}
