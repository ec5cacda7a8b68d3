package org.voxarch.tests;

import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.codegen.JavaGenerator;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;
import org.voxarch.compiler.resolve.SourceLoader;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.NoGrad;
import org.voxarch.runtime.nn.SegmentationNetwork;

/**
 * Every member of the shipped ablation spec (models/src/main/arch/ablations/ablations.arch, in the models jar) is
 * built from its generated Java: its parameter count is the compiler's and its forward runs. At a 16×32×32 patch
 * with a 1×2×2 stem (Synapse's: 64×128×128 and 2×4×4, too large for CI): every stage has 8× fewer tokens, the
 * blocks are the same. The members are generated together and compiled in one javac run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedAblationsTest {
    private static final String SPEC = "voxarch/models/ablations/ablations.arch";
    private static final Map<String, String> SMALL = Map.of("patch", "16,32,32", "stem", "1,2,2");
    private static final long[] INPUT = {1, 1, 16, 32, 32};

    private Program program;
    private final Map<String, NetworkModel> models = new LinkedHashMap<>();
    private URLClassLoader loader;

    @BeforeAll
    void generateAndCompileEveryMember(@TempDir Path classes) throws IOException {
        program = Compiler.load(List.of(SourceLoader.fromClasspath(SPEC)));
        List<String> sources = new ArrayList<>();
        for (String member : Compiler.networkNames(program)) {
            models.put(member, Compiler.elaborate(program, member, SMALL));
        }
        for (JavaGenerator.GeneratedFile file : JavaGenerator.generate(program, List.copyOf(models.values()),
                "ablations")) {
            Path source = classes.resolve(file.relativePath());
            Files.createDirectories(source.getParent());
            Files.writeString(source, file.source(), StandardCharsets.UTF_8);
            sources.add(source.toString());
        }
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), "-proc:none", "-nowarn"));
        args.addAll(sources);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, null,
                new PrintStream(messages, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        assertEquals(0, status, () -> "generated Java does not compile:\n" + messages);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    }

    List<String> members() {
        return List.copyOf(models.keySet());
    }

    @ParameterizedTest
    @MethodSource("members")
    void memberBuildsWithTheSpecsParameterCountAndRuns(String member) throws ReflectiveOperationException {
        String type = "ablations." + JavaGenerator.className(member);
        SegmentationNetwork.Parameters parameters = (SegmentationNetwork.Parameters) loader.loadClass(
                type + "$Parameters").getMethod("defaults").invoke(null);
        ArchModule net = parameters.with("patch", new long[] {16, 32, 32}).with("stem", new long[] {1, 2, 2})
                .build().module();
        try (PointerScope scope = new PointerScope()) {
            assertEquals(models.get(member).parameterCount(), StateDict.parameterCount(net));
            net.eval();
            Tensor[] out = NoGrad.get(() -> ((SegmentationNetwork) net).outputs(randn(INPUT)));
            assertArrayEquals(new long[] {1, 14, 16, 32, 32}, out[0].sizes().vec().get());
            assertTrue(out[0].isfinite().all().item_bool(), member + " gives non-finite output");
        } finally {
            net.close();
        }
    }

    @Test
    void everyStudyOfTheIssueIsAMember() {
        for (String study : List.of("synapse", "ef_shared", "ef_separate", "ef_matrix", "fusion_concat", "fusion_sum",
                "proj_16", "proj_32", "proj_64", "proj_128", "depth_1", "depth_2", "depth_3", "attention_spatial",
                "attention_channel", "qk_separate", "full_attention_everywhere", "full_attention_encoder",
                "full_attention_low_res", "epa_encoder_only", "epa_decoder_only", "epa_nowhere")) {
            assertTrue(models.containsKey(study), study + " is missing from " + models.keySet());
        }
    }
}
