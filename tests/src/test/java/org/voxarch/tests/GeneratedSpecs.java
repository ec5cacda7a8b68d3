package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.codegen.JavaGenerator;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;
import org.voxarch.runtime.nn.ArchModule;

/** A spec written to a directory, elaborated, generated and compiled with javac, then built with its defaults. */
final class GeneratedSpecs {
    /** The compiler's view of the network and the module built from its generated class. */
    record Built(NetworkModel model, String source, ArchModule module) {}

    private GeneratedSpecs() {
    }

    static Built build(Path dir, String specText, String network) {
        try {
            Path spec = dir.resolve("spec.arch");
            Files.writeString(spec, specText, StandardCharsets.UTF_8);
            Program program = Compiler.loadFiles(List.of(spec));
            NetworkModel model = Compiler.elaborate(program, network, Map.of());
            List<JavaGenerator.GeneratedFile> files = JavaGenerator.generate(program, model, "generated.specs");
            Path out = dir.resolve("classes");
            List<String> args = new java.util.ArrayList<>(List.of("-d", out.toString(), "-cp",
                    System.getProperty("java.class.path"), "-proc:none"));
            StringBuilder sources = new StringBuilder();
            JavaGenerator.GeneratedFile file = null;
            for (JavaGenerator.GeneratedFile f : files) {
                Path source = out.resolve(f.relativePath());
                Files.createDirectories(source.getParent());
                Files.writeString(source, f.source(), StandardCharsets.UTF_8);
                args.add(source.toString());
                sources.append(f.source());
                file = network.equals(f.network()) ? f : file;
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream messages = new ByteArrayOutputStream();
            int status = javac.run(null, null, new PrintStream(messages, true, StandardCharsets.UTF_8),
                    args.toArray(String[]::new));
            assertEquals(0, status, () -> "generated Java does not compile:\n" + messages + "\n" + sources);
            ClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                    GeneratedSpecs.class.getClassLoader());
            Class<?> type = loader.loadClass(file.relativePath().replace('/', '.').replaceAll("\\.java$", ""));
            return new Built(model, sources.toString(), (ArchModule) type.getConstructor().newInstance());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build the generated " + network + ": " + e, e);
        }
    }
}
