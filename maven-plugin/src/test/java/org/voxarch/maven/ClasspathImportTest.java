package org.voxarch.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.model.NetworkModel;

/**
 * A spec can import a spec that ships in a jar on the plugin's class path (for example the UNETR++ blocks of
 * voxarch-models) by its resource path; the generated class then depends on that spec's content.
 */
class ClasspathImportTest {
    private static final String USER_SPEC = """
            import "voxarch/test/library.arch"

            network User(width: int = 4) {
              input x: [B, 1, 8, 8, 8]
              body = Library(1, width)
              forward(x) {
                return body(x)
              }
            }
            """;

    private static final String LIBRARY = """
            import "std/layers.arch"

            block Library(cin: int, cout: int) {
              res = UnetResBlock(cin, cout)
              forward(x) {
                return res(x)
              }
            }
            """;

    @Test
    void importsResolveAgainstTheContextClassLoader(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("jar");
        Specs.write(jar, "voxarch/test/library.arch", LIBRARY);
        Specs.write(dir.resolve("src"), "user.arch", USER_SPEC);
        SpecFiles specs = SpecFiles.scan(dir.resolve("src"), null, null);

        assertThrows(SpecErrors.class, () -> SpecCompilation.load(specs), "not on the class path: not found");

        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, before)) {
            thread.setContextClassLoader(loader);
            SpecCompilation compilation = SpecCompilation.load(specs);
            NetworkModel model = compilation.elaborate("User", Map.of());
            List<String> origins = compilation.sourcesOf(model).stream().map(SpecInputs::origin).toList();
            assertTrue(origins.contains("classpath:voxarch/test/library.arch"), origins.toString());
            assertTrue(origins.contains("classpath:std/layers.arch"), origins.toString());
            var library = compilation.sourcesOf(model).stream()
                    .filter(s -> s.displayPath().equals("voxarch/test/library.arch")).findFirst().orElseThrow();
            assertEquals(SpecInputs.hash(library), SpecInputs.currentHash(SpecInputs.origin(library)),
                    "a later build finds the same content");
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
