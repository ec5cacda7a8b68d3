package org.voxarch.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFilesTest {

    @Test
    void includesExcludesAndNames(@TempDir Path dir) throws Exception {
        Specs.write(dir, "a.arch", Specs.STANDALONE);
        Specs.write(dir, "nets/b.arch", Specs.STANDALONE);
        Specs.write(dir, "nets/old/c.arch", Specs.STANDALONE);
        Specs.write(dir, "notes.md", "not a spec");
        SpecFiles all = SpecFiles.scan(dir, null, null);
        assertEquals(List.of("a.arch", "nets/b.arch", "nets/old/c.arch"),
                all.files().stream().map(all::displayPath).toList());
        SpecFiles some = SpecFiles.scan(dir, List.of("nets/**/*.arch"), List.of("**/old/"));
        assertEquals(List.of("nets/b.arch"), some.files().stream().map(some::displayPath).toList());
    }

    @Test
    void missingFolderHasNoFiles(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), SpecFiles.scan(dir.resolve("nope"), null, null).files());
    }
}
