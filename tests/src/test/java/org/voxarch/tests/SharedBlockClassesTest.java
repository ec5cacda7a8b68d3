package org.voxarch.tests;

import static org.bytedeco.pytorch.global.torch.ones;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.codegen.JavaGenerator;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.StateKey;
import org.voxarch.compiler.resolve.Program;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.StateEntry;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.NoGrad;

/**
 * The generated code's layout: each block and enum is one class however many networks use it, a variant's class
 * builds no child itself, and a child whose block differs between branches or instances has a common type.
 */
class SharedBlockClassesTest {
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|enum|record) (\\w+)");

    @TempDir
    Path dir;

    @Test
    void eachBlockAndEnumOfTheUnetrppFamilyIsOneClass() {
        Program program = Compiler.loadFiles(List.of(Path.of("../models/src/main/arch/unetrpp/unetrpp.arch")));
        List<NetworkModel> models = new ArrayList<>();
        program.buildables().forEach(d -> models.add(Compiler.elaborate(program, d.name().name(), Map.of())));
        List<JavaGenerator.GeneratedFile> files = JavaGenerator.generate(program, models, "demo");
        List<String> declared = new ArrayList<>();
        for (JavaGenerator.GeneratedFile f : files) {
            if (f.network() != null) {
                assertFalse(f.source().contains("registerChild("), f.className() + " builds no child itself");
                continue;
            }
            Matcher m = TYPE.matcher(f.source());
            while (m.find()) {
                declared.add(m.group(1));
            }
        }
        for (String name : List.of("TransformerBlock", "EPA", "UnetrUpBlock", "UnetResBlock", "EfMode", "Fusion",
                "UnetrPP")) {
            assertEquals(1, declared.stream().filter(name::equals).count(), name + " in " + declared);
        }
        assertEquals(models.size(), files.stream().filter(f -> f.network() != null).count());
    }

    /** Issue 14: a child built by blocks of two types in the two branches of an if, or of a conditional. */
    @Test
    void childWhoseBlockDiffersBetweenBranches() {
        String spec = """
                block Narrow(c: int) {
                  conv = Conv3d(c, c, 1)
                  forward(x) {
                    return conv(x)
                  }
                }

                block Wide(c: int) {
                  conv = Conv3d(c, c, 3, padding = 1)
                  norm = InstanceNorm3d(c)
                  forward(x) {
                    return norm(conv(x))
                  }
                }

                network Net(wide: bool = true) {
                  input x: [B, 2, 4, 4, 4]
                  if wide {
                    first = Wide(2)
                  } else {
                    first = Narrow(2)
                  }
                  second = wide ? Narrow(2) : Wide(2)
                  forward(x) {
                    return second(first(x))
                  }
                }
                """;
        GeneratedSpecs.Built built = GeneratedSpecs.build(dir, spec, "Net");
        assertEquals(built.model().stateKeys().stream().map(StateKey::key).toList(),
                StateDict.entries(built.module()).stream().map(StateEntry::key).toList());
        assertArrayEquals(new long[] {3, 2, 4, 4, 4}, forwardShape(built.module(), new long[] {3, 2, 4, 4, 4}));
        assertTrue(built.source().contains("private Layer first;"), built.source());
        assertTrue(built.source().contains("private final Layer second;"), built.source());
    }

    private static long[] forwardShape(ArchModule module, long[] input) {
        try (PointerScope scope = new PointerScope()) {
            module.eval();
            return NoGrad.get(() -> forward(module, ones(input)).sizes().vec().get());
        }
    }

    private static Tensor forward(ArchModule module, Tensor x) {
        try {
            return (Tensor) module.getClass().getMethod("forward", Tensor.class).invoke(module, x);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
