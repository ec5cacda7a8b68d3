package org.voxarch.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AntPatternTest {

    @Test
    void doubleStarMatchesAnyNumberOfFolders() {
        AntPattern p = new AntPattern("**/*.arch");
        assertTrue(p.matches("net.arch"));
        assertTrue(p.matches("a/b/net.arch"));
        assertFalse(p.matches("net.arch.bak"));
        assertFalse(p.matches("notes.md"));
    }

    @Test
    void singleStarStaysInOneFolder() {
        AntPattern p = new AntPattern("nets/*.arch");
        assertTrue(p.matches("nets/a.arch"));
        assertFalse(p.matches("nets/sub/a.arch"));
        assertFalse(p.matches("a.arch"));
    }

    @Test
    void trailingSlashMeansEverythingBelow() {
        AntPattern p = new AntPattern("experimental/");
        assertTrue(p.matches("experimental/x.arch"));
        assertTrue(p.matches("experimental/deep/x.arch"));
        assertFalse(p.matches("stable/x.arch"));
    }

    @Test
    void middleDoubleStarAndQuestionMark() {
        AntPattern p = new AntPattern("a/**/v?.arch");
        assertTrue(p.matches("a/v1.arch"));
        assertTrue(p.matches("a/b/c/v2.arch"));
        assertFalse(p.matches("a/b/v10.arch"));
        assertTrue(new AntPattern("a.b").matches("a.b"));
        assertFalse(new AntPattern("a.b").matches("axb"));
    }
}
