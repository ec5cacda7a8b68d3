package org.voxarch.tests.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.resolve.Program;

/**
 * Specs kept from failures (under {@code regressions/} and {@code known-gaps/} on the test class path), and the
 * oracle each names on its first line: {@code // differential: what failed} or {@code // fuzz: what failed}.
 */
final class KeptSpecs {
    private KeptSpecs() {
    }

    static List<Path> list(String folder) {
        URL url = KeptSpecs.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException(folder + " is not on the test class path");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(f -> f.toString().endsWith(".arch")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the spec's oracle finds wrong with it now; empty when it passes. */
    static List<String> problems(Path spec, Path workDir) {
        try {
            String text = Files.readString(spec, StandardCharsets.ISO_8859_1);
            String name = spec.getFileName().toString().replaceAll("\\.arch$", "").replaceAll("[^A-Za-z0-9]", "_");
            if (text.startsWith("// differential:")) {
                return differential(spec, name, new String(Files.readAllBytes(spec), StandardCharsets.UTF_8),
                        workDir);
            }
            if (!text.startsWith("// fuzz:")) {
                throw new IllegalStateException(spec + " does not start with '// differential:' or '// fuzz:'");
            }
            FuzzOracle.Result result = FuzzOracle.examine(spec, "kept." + name);
            List<String> problems = new ArrayList<>(result.problems());
            BatchJavac.Result compiled = BatchJavac.compile(result.sources(), workDir.resolve("javac"));
            compiled.errors().forEach((file, errors) -> problems.add("check passes but " + file.getFileName()
                    + " does not compile:\n" + errors));
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> differential(Path spec, String name, String text, Path workDir) {
        Program program = Compiler.loadFiles(List.of(spec));
        List<String> networks = new ArrayList<>();
        for (Decl d : program.buildables()) {
            if (!(d instanceof Decl.Grid)) {
                networks.add(d.name().name());
            }
        }
        return DifferentialCheck.run(List.of(new SpecGenerator.Spec(name, text, networks)), workDir).stream()
                .map(DifferentialCheck.Failure::toString).toList();
    }
}
