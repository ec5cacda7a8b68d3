package org.voxarch.tests.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles many generated sources in one in-process javac call (one call per source would cost most of the time in
 * javac's start-up), and tells which source each error belongs to.
 */
final class BatchJavac {
    /** The outcome of one call: errors by source path (absent when the source compiled) and a loader. */
    record Result(Map<Path, String> errors, ClassLoader loader) {}

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    /** Shared between calls: it caches the class path's jar indexes, most of a small compilation's cost. */
    private static final StandardJavaFileManager FILES = JAVAC.getStandardFileManager(null, null,
            StandardCharsets.UTF_8);

    private BatchJavac() {
    }

    /**
     * @param sources relative path ({@code pkg/Name.java}) to Java source
     * @param dir     a directory of this call's own: sources go below {@code dir/src}, classes below {@code dir/out}
     */
    static Result compile(Map<String, String> sources, Path dir) {
        try {
            Path src = dir.resolve("src");
            Path out = dir.resolve("out");
            Files.createDirectories(out);
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path f = src.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
                files.add(f);
            }
            Map<Path, String> errors = new LinkedHashMap<>();
            // javac writes no class at all when any file has errors, so the failing files are left out and the
            // rest compiled again.
            while (!files.isEmpty()) {
                Map<Path, String> found = javac(files, out, src);
                errors.putAll(found);
                if (found.isEmpty() || !files.removeAll(found.keySet())) {
                    break;
                }
            }
            return new Result(errors, new URLClassLoader(new URL[] {out.toUri().toURL()},
                    BatchJavac.class.getClassLoader()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Path, String> javac(List<Path> files, Path out, Path src) {
        Map<Path, String> errors = new LinkedHashMap<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        synchronized (FILES) {
            JAVAC.getTask(null, FILES, diagnostics, List.of("-d", out.toString(), "-cp",
                    System.getProperty("java.class.path"), "-proc:none", "-g:none", "-nowarn", "-implicit:none"),
                    null, FILES.getJavaFileObjectsFromPaths(files)).call();
        }
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                Path at = d.getSource() == null ? src : Path.of(d.getSource().toUri());
                errors.merge(at, "line " + d.getLineNumber() + ": " + d.getMessage(null), (a, b) -> a + "\n" + b);
            }
        }
        return errors;
    }
}
