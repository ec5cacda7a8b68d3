package org.voxarch.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.voxarch.compiler.codegen.JavaGenerator;

/**
 * Compiles the Java generated from a user's spec, so that {@code --spec} networks run without a build. Source and
 * classes stay in memory: nothing is left in the temporary directory, however the process ends.
 */
final class SpecClassCompiler {
    /** Classes compiled in this process by network and source text: an ablation trains and predicts each member. */
    private static final Map<String, Class<?>> COMPILED = new ConcurrentHashMap<>();

    private SpecClassCompiler() {
    }

    /** Compiles the generated files together; returns the class of {@code network}. */
    static Class<?> compile(List<JavaGenerator.GeneratedFile> files, String network) {
        StringBuilder key = new StringBuilder(network);
        files.forEach(f -> key.append('\n').append(f.relativePath()).append('\n').append(f.source()));
        return COMPILED.computeIfAbsent(key.toString(), k -> compileNow(files, network));
    }

    private static Class<?> compileNow(List<JavaGenerator.GeneratedFile> files, String network) {
        JavaGenerator.GeneratedFile file = files.stream().filter(f -> network.equals(f.network())).findFirst()
                .orElseThrow();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new UserError("--spec needs a JDK (javac) to compile the generated network; this Java is a JRE."
                    + " Generate it in your build instead: voxarch generate FILE -d DIR");
        }
        String name = file.relativePath().replace('/', '.').replaceAll("\\.java$", "");
        List<JavaFileObject> sources = files.stream().map(SpecClassCompiler::source).toList();
        StringWriter messages = new StringWriter();
        Map<String, ByteArrayOutputStream> classes = new ConcurrentHashMap<>();
        try (StandardJavaFileManager standard = javac.getStandardFileManager(null, null, null);
                JavaFileManager inMemory = new ClassesInMemory(standard, classes)) {
            List<String> options = List.of("-cp", System.getProperty("java.class.path"), "-nowarn", "-proc:none");
            if (!javac.getTask(messages, inMemory, null, options, null, sources).call()) {
                throw new IllegalStateException("the Java generated for " + file.className()
                        + " does not compile (a code generator bug):\n" + messages);
            }
            return new ClassLoader(SpecClassCompiler.class.getClassLoader()) {
                @Override
                protected Class<?> findClass(String className) throws ClassNotFoundException {
                    ByteArrayOutputStream bytes = classes.get(className);
                    if (bytes == null) {
                        throw new ClassNotFoundException(className);
                    }
                    byte[] b = bytes.toByteArray();
                    return defineClass(className, b, 0, b.length);
                }
            }.loadClass(name);
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot compile the generated network: " + e.getMessage(), e);
        }
    }

    private static JavaFileObject source(JavaGenerator.GeneratedFile f) {
        return new SimpleJavaFileObject(URI.create("string:///" + f.relativePath()), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return f.source();
            }
        };
    }

    /** Keeps every class javac writes as bytes, by binary name. */
    private static final class ClassesInMemory extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> classes;

        ClassesInMemory(StandardJavaFileManager standard, Map<String, ByteArrayOutputStream> classes) {
            super(standard);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    classes.put(className, bytes);
                    return bytes;
                }
            };
        }
    }
}
