package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.voxarch.runtime.nn.BlockContext.ROOT;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.voxarch.models.BlocksArch;
import org.voxarch.models.LayersArch;
import org.voxarch.runtime.io.DeterministicWeights;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.StateEntry;
import org.voxarch.runtime.io.TensorFile;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.Layer;
import org.voxarch.runtime.nn.NoGrad;

/**
 * Single blocks of the generated networks against the reference's block fixtures: EPA transformer blocks (4×4×4
 * grid, C=16, P=8) and up-blocks (32→16, ×2, three EPA blocks) of every variant, and the residual block with
 * instance and batch norm. Weights are the fixture README's formula, filled by key.
 */
class BlockParityTest {
    private static final long[] UP = {2, 2, 2};

    /** How to run a block on a fixture's inputs. */
    interface Runner {
        Tensor run(ArchModule block, TensorFile fixture);
    }

    private static final Runner LAYER = (block, f) -> ((Layer) block).forward(f.require("input"));

    static Stream<Arguments> blocks() {
        return Stream.of(
                block("synapse_transformer_block", () -> new BlocksArch.TransformerBlock(ROOT, 16, 64, 8, 4, 0.15,
                        BlocksArch.EfMode.SHARED, BlocksArch.Fusion.CONCAT, false), LAYER),
                block("acdc_transformer_block", () -> new BlocksArch.TransformerBlock(ROOT, 16, 64, 8, 4, 0.1,
                        BlocksArch.EfMode.SEPARATE, BlocksArch.Fusion.CONCAT, true), LAYER),
                block("tumor_transformer_block", () -> new BlocksArch.TransformerBlock(ROOT, 16, 64, 8, 4, 0.1,
                        BlocksArch.EfMode.MATRIX, BlocksArch.Fusion.SUM, false), LAYER),
                block("lung_transformer_block", () -> new BlocksArch.TransformerBlock(ROOT, 16, 64, 8, 4, 0.1,
                        BlocksArch.EfMode.SEPARATE, BlocksArch.Fusion.CONCAT, true), LAYER),
                block("synapse_up_block", () -> new BlocksArch.UnetrUpBlock(ROOT, 32, 16, UP, 64, 8, 4, 0.15, 3, false,
                        BlocksArch.EfMode.SHARED, BlocksArch.Fusion.CONCAT, false),
                        (b, f) -> ((BlocksArch.UnetrUpBlock) b).forward(f.require("input"), f.require("skip"))),
                block("acdc_up_block", () -> new BlocksArch.UnetrUpBlock(ROOT, 32, 16, UP, 64, 8, 4, 0.1, 3, false,
                        BlocksArch.EfMode.SEPARATE, BlocksArch.Fusion.CONCAT, true),
                        (b, f) -> ((BlocksArch.UnetrUpBlock) b).forward(f.require("input"), f.require("skip"))),
                block("tumor_up_block", () -> new BlocksArch.UnetrUpBlock(ROOT, 32, 16, UP, 64, 8, 4, 0.1, 3, false,
                        BlocksArch.EfMode.MATRIX, BlocksArch.Fusion.SUM, false),
                        (b, f) -> ((BlocksArch.UnetrUpBlock) b).forward(f.require("input"), f.require("skip"))),
                block("lung_up_block", () -> new BlocksArch.UnetrUpBlock(ROOT, 32, 16, UP, 64, 8, 4, 0.1, 3, false,
                        BlocksArch.EfMode.SEPARATE, BlocksArch.Fusion.CONCAT, true),
                        (b, f) -> ((BlocksArch.UnetrUpBlock) b).forward(f.require("input"), f.require("skip"))),
                block("res_block_instance", () -> new LayersArch.UnetResBlock(ROOT, 3, 8, 3, 1,
                        LayersArch.Norm.INSTANCE), LAYER),
                block("res_block_batch", () -> new LayersArch.UnetResBlock(ROOT, 8, 8, 3, 1,
                        LayersArch.Norm.BATCH), LAYER));
    }

    private static Arguments block(String name, Supplier<ArchModule> build, Runner runner) {
        return Arguments.of(name, build, runner);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void matchesReference(String name, Supplier<ArchModule> build, Runner runner) {
        ArchModule block = build.get();
        PointerScope scope = new PointerScope();
        try {
            TensorFile fixture = Fixtures.read("block_" + name + ".safetensors");
            List<String> expectedKeys = new ArrayList<>();
            Fixtures.metadataJson(fixture, "key_order").forEach(k -> expectedKeys.add(k.asText()));
            assertEquals(expectedKeys, StateDict.entries(block).stream().map(StateEntry::key).toList(),
                    "state-dict keys of the generated block");
            DeterministicWeights.fill(block);
            block.eval();
            Tensor output = NoGrad.get(() -> runner.run(block, fixture));
            Closeness.assertClose(name, Fixtures.values(fixture.require("output")), Fixtures.values(output));
        } finally {
            scope.close();
        }
    }
}
