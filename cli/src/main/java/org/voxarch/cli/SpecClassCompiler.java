package org.voxarch.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.voxarch.compiler.codegen.JavaGenerator;

/** Compiles the Java generated from a user's spec, so that {@code --spec} networks run without a build. */
final class SpecClassCompiler {
    /** Classes compiled in this process by source text: an ablation trains and predicts each member in turn. */
    private static final Map<String, Class<?>> COMPILED = new ConcurrentHashMap<>();

    private SpecClassCompiler() {
    }

    static Class<?> compile(JavaGenerator.GeneratedFile file) {
        return COMPILED.computeIfAbsent(file.source(), source -> compileNow(file));
    }

    private static Class<?> compileNow(JavaGenerator.GeneratedFile file) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new UserError("--spec needs a JDK (javac) to compile the generated network; this Java is a JRE."
                    + " Generate it in your build instead: voxarch generate FILE -d DIR");
        }
        try {
            Path dir = Files.createTempDirectory("voxarch-spec");
            Path source = dir.resolve(file.relativePath());
            Files.createDirectories(source.getParent());
            Files.writeString(source, file.source());
            StringWriter messages = new StringWriter();
            List<String> args = List.of("-d", dir.toString(), "-cp", System.getProperty("java.class.path"),
                    "-nowarn", "-proc:none", source.toString());
            int status = javac.run(null, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                    new java.io.PrintStream(new java.io.OutputStream() {
                        @Override
                        public void write(int b) {
                            messages.write(b);
                        }
                    }), args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("the Java generated for " + file.className()
                        + " does not compile (a code generator bug):\n" + messages);
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                    SpecClassCompiler.class.getClassLoader());
            String name = file.relativePath().replace('/', '.').replaceAll("\\.java$", "");
            return loader.loadClass(name);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot compile the generated network: " + e.getMessage(), e);
        }
    }
}
