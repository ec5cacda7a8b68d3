package org.voxarch.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.voxarch.compiler.codegen.JavaGenerator;

/** Compiles the Java generated from a user's spec, so that {@code --spec} networks run without a build. */
final class SpecClassCompiler {
    private SpecClassCompiler() {
    }

    /** Compiles the generated files together; returns the class of {@code network}. */
    static Class<?> compile(List<JavaGenerator.GeneratedFile> files, String network) {
        JavaGenerator.GeneratedFile file = files.stream().filter(f -> network.equals(f.network())).findFirst()
                .orElseThrow();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new UserError("--spec needs a JDK (javac) to compile the generated network; this Java is a JRE."
                    + " Generate it in your build instead: voxarch generate FILE -d DIR");
        }
        try {
            Path dir = Files.createTempDirectory("voxarch-spec");
            List<String> args = new java.util.ArrayList<>(List.of("-d", dir.toString(), "-cp",
                    System.getProperty("java.class.path"), "-nowarn", "-proc:none"));
            for (JavaGenerator.GeneratedFile f : files) {
                Path source = dir.resolve(f.relativePath());
                Files.createDirectories(source.getParent());
                Files.writeString(source, f.source());
                args.add(source.toString());
            }
            StringWriter messages = new StringWriter();
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
