package org.voxarch.tests.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.codegen.JavaGenerator;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.StateKey;
import org.voxarch.compiler.resolve.Program;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.StateEntry;
import org.voxarch.runtime.memory.NativeScope;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.NoGrad;
import org.voxarch.runtime.nn.Ops;
import org.voxarch.runtime.nn.SegmentationNetwork;

/**
 * The differential oracle of issue 8: a spec that {@code check} accepts is elaborated, generated, compiled and run,
 * and the built module must agree with the compiler on every forward statement's shape, the parameter count and
 * the state-dict keys (names, order, shapes, parameter or buffer, dtype, aliases).
 */
final class DifferentialCheck {
    /** The batch size of the forward run; chosen unlike the specs' small sizes so B is told from a literal. */
    static final long BATCH = 3;

    /** One disagreement (or crash) for one network of one spec. */
    record Failure(String spec, String network, String what) {
        @Override
        public String toString() {
            return spec + " / " + network + ": " + what;
        }
    }

    /** A network generated and waiting for javac. */
    /** A network to build once its spec's classes compile; {@code sources} are all the files of its spec. */
    private record Pending(SpecGenerator.Spec spec, NetworkModel model, List<Path> sources, String className) {}

    private DifferentialCheck() {
    }

    /** Checks a batch of specs with one javac call; returns every failure. */
    static List<Failure> run(List<SpecGenerator.Spec> specs, Path dir) {
        return run(specs, dir, UnaryOperator.identity());
    }

    /** As {@link #run(List, Path)}, with the generated Java edited first (to show that the oracle can fail). */
    static List<Failure> run(List<SpecGenerator.Spec> specs, Path dir, UnaryOperator<String> edit) {
        List<Failure> failures = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>();
        List<Pending> pending = new ArrayList<>();
        Path javacDir = dir.resolve("javac");
        for (SpecGenerator.Spec spec : specs) {
            String network = "(spec)";
            try {
                Path file = dir.resolve(spec.name()).resolve("spec.arch");
                Files.createDirectories(file.getParent());
                Files.writeString(file, spec.text(), StandardCharsets.UTF_8);
                Diagnostics diagnostics = Compiler.check(List.of(file));
                if (diagnostics.hasErrors()) {
                    failures.add(new Failure(spec.name(), network, "check rejects it:\n" + diagnostics.format()));
                    continue;
                }
                Program program = Compiler.loadFiles(List.of(file));
                String pkg = "difftest." + spec.name();
                Map<String, NetworkModel> models = new java.util.LinkedHashMap<>();
                for (String n : spec.networks()) {
                    network = n;
                    models.put(n, Compiler.elaborate(program, n, Map.of()));
                }
                network = "(spec)";
                // One generation for all networks: the spec file's class holds the blocks of every one of them.
                List<JavaGenerator.GeneratedFile> files = JavaGenerator.generate(program,
                        List.copyOf(models.values()), pkg);
                List<Path> paths = new ArrayList<>();
                for (JavaGenerator.GeneratedFile f : files) {
                    sources.put(f.relativePath(), ProbeInstrumenter.instrument(edit.apply(f.source())));
                    paths.add(javacDir.resolve("src").resolve(f.relativePath()));
                }
                for (JavaGenerator.GeneratedFile f : files) {
                    if (f.network() != null) {
                        pending.add(new Pending(spec, models.get(f.network()), paths,
                                f.relativePath().replace('/', '.').replaceAll("\\.java$", "")));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException | StackOverflowError e) {
                failures.add(new Failure(spec.name(), network, "compiler threw " + trace(e)));
            }
        }
        BatchJavac.Result compiled = BatchJavac.compile(sources, javacDir);
        for (Pending p : pending) {
            String errors = p.sources().stream().map(compiled.errors()::get).filter(java.util.Objects::nonNull)
                    .reduce((a, b) -> a + "\n" + b).orElse(null);
            if (errors != null) {
                failures.add(new Failure(p.spec().name(), p.model().name(), "generated Java does not compile:\n"
                        + errors));
                continue;
            }
            try {
                for (String what : compare(p, compiled.loader())) {
                    failures.add(new Failure(p.spec().name(), p.model().name(), what));
                }
            } catch (RuntimeException | ReflectiveOperationException e) {
                failures.add(new Failure(p.spec().name(), p.model().name(), "building or running threw "
                        + trace(e)));
            }
        }
        return failures;
    }

    private static List<String> compare(Pending p, ClassLoader loader) throws ReflectiveOperationException {
        List<String> problems = new ArrayList<>();
        Object built = loader.loadClass(p.className()).getConstructor().newInstance();
        SegmentationNetwork network = (SegmentationNetwork) built;
        ArchModule module = network.module();
        try {
            compareKeys(p.model(), module, problems);
            compareStatements(p.model(), module, network, problems);
        } finally {
            module.close();
        }
        return problems;
    }

    private static void compareKeys(NetworkModel model, ArchModule module, List<String> problems) {
        NativeScope.run(() -> {
            long count = 0;
            for (Tensor t : module.parameters().get()) {
                count += t.numel();
            }
            if (count != model.parameterCount()) {
                problems.add("parameter count: compiler " + model.parameterCount() + ", built module " + count);
            }
            List<String> expected = new ArrayList<>();
            for (StateKey k : model.stateKeys()) {
                expected.add(k.key() + " " + k.shapeText() + (k.buffer() ? " buffer" : "") + " " + k.dtype()
                        + (k.aliasOf() == null ? "" : " = " + k.aliasOf()));
            }
            List<String> actual = new ArrayList<>();
            for (StateEntry e : StateDict.entries(module)) {
                String dtype = e.tensor().is_floating_point() ? "float32" : "int64";
                actual.add(e.key() + " " + StatementProbe.shapeText(Ops.shape(e.tensor()))
                        + (e.buffer() ? " buffer" : "") + " " + dtype
                        + (e.aliasOf() == null ? "" : " = " + e.aliasOf()));
            }
            if (!expected.equals(actual)) {
                problems.add("state dict: compiler\n  " + String.join("\n  ", expected) + "\nbuilt module\n  "
                        + String.join("\n  ", actual));
            }
        });
    }

    private static void compareStatements(NetworkModel model, ArchModule module, SegmentationNetwork network,
            List<String> problems) {
        StatementProbe.take();
        NativeScope.run(() -> {
            module.eval();
            torch.manual_seed(7);
            List<Tensor> inputs = new ArrayList<>();
            for (Shape s : model.inputs().values()) {
                long[] dims = s.concrete();
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = dims[i] == Shape.BATCH ? BATCH : dims[i];
                }
                inputs.add(torch.randn(dims));
            }
            Tensor[] outputs = NoGrad.get(() -> network.outputs(inputs.toArray(Tensor[]::new)));
            if (outputs.length != model.outputs().size()) {
                problems.add("outputs: compiler " + model.outputs() + ", run " + outputs.length + " tensors");
            }
        });
        Map<Object, Map<String, String>> seen = StatementProbe.take();
        Map<Object, String> paths = new IdentityHashMap<>();
        modulePaths(module, "", paths);
        Set<Instance> probed = new LinkedHashSet<>();
        for (Map.Entry<Object, Map<String, String>> e : seen.entrySet()) {
            String path = paths.get(e.getKey());
            Instance inst = path == null ? null : find(model.root(), path);
            if (inst == null) {
                problems.add("a module the compiler does not know ran statements: " + path);
                continue;
            }
            probed.add(inst);
            Map<String, String> expected = new LinkedHashMap<>();
            inst.statementShapes().forEach((span, shape) -> expected.put(span.lineRef(),
                    shape.replaceAll("\\bB\\b", Long.toString(BATCH))));
            if (!expected.equals(e.getValue())) {
                problems.add("statement shapes of '" + path + "' (" + inst.typeName() + "): compiler " + expected
                        + ", run " + e.getValue());
            }
        }
        unprobed(model.root(), probed, problems);
    }

    /** Instances whose statements the compiler ran but the generated code did not. */
    private static void unprobed(Instance inst, Set<Instance> probed, List<String> problems) {
        if (!inst.statementShapes().isEmpty() && !probed.contains(inst)) {
            problems.add("the compiler ran the forward of '" + inst.path() + "' (" + inst.typeName()
                    + "), the generated code did not: " + inst.statementShapes().values());
        }
        for (Instance.Entry e : inst.entries()) {
            if (!e.alias()) {
                unprobed(e.child(), probed, problems);
            }
        }
    }

    private static void modulePaths(ArchModule m, String path, Map<Object, String> out) {
        out.putIfAbsent(m, path);
        for (ArchModule.Entry e : m.entries()) {
            if (e.kind() == ArchModule.Kind.CHILD) {
                modulePaths(e.module(), path.isEmpty() ? e.name() : path + "." + e.name(), out);
            }
        }
    }

    private static Instance find(Instance root, String path) {
        Instance at = root;
        if (path.isEmpty()) {
            return at;
        }
        for (String part : path.split("\\.")) {
            at = at.child(part);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    static String trace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String[] lines = w.toString().split("\n");
        return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 12)));
    }
}
