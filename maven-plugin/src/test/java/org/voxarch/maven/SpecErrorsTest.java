package org.voxarch.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.Compiler;

class SpecErrorsTest {

    @Test
    void textIsWhatTheCliCheckPrints(@TempDir Path dir) throws Exception {
        Path a = Specs.write(dir, "a.arch", Specs.BROKEN_BLOCK);
        Path b = Specs.write(dir, "b.arch", Specs.BROKEN_NETWORK);
        List<Path> files = List.of(a, b);
        SpecErrors errors = SpecErrors.check(files);
        assertEquals(Compiler.check(files).format(), errors.text());
        assertEquals(2, errors.count(), errors.text());
        assertEquals("2 errors in .arch specs", errors.getMessage());
        assertTrue(errors.text().endsWith("2 errors\n"));
    }

    @Test
    void loadingReportsEveryErrorOfEveryFile(@TempDir Path dir) throws Exception {
        Specs.write(dir, "a.arch", Specs.BROKEN_BLOCK);
        Specs.write(dir, "b.arch", Specs.BROKEN_NETWORK);
        SpecFiles specs = SpecFiles.scan(dir, null, null);
        SpecErrors errors = assertThrows(SpecErrors.class, () -> SpecCompilation.load(specs).elaborateAll(
                java.util.Map.of()));
        assertEquals(Compiler.check(specs.files()).format(), errors.text());
    }

    @Test
    void cleanSpecsHaveNoErrors(@TempDir Path dir) throws Exception {
        assertNull(SpecErrors.check(List.of(Specs.write(dir, "s.arch", Specs.STANDALONE))));
    }
}
