package org.voxarch.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real pair from Debian's mricron-data. Skipped where it is not installed (apt-get install mricron-data). */
class Colin27DatasetTest {
    static final Path TEMPLATES = Path.of("/usr/share/mricron/templates");

    @TempDir
    Path dir;

    @BeforeAll
    static void requireMricronData() {
        assumeTrue(Files.isRegularFile(TEMPLATES.resolve("ch2.nii.gz"))
                && Files.isRegularFile(TEMPLATES.resolve("aal.nii.gz")), "mricron-data is not installed");
    }

    @Test
    void ch2AndAalReadWithTheDocumentedHeaders() {
        long start = System.nanoTime();
        Volume t1 = Nifti.read(TEMPLATES.resolve("ch2.nii.gz"));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("ch2.nii.gz (181×217×181 uint8) read in %.3f s%n", seconds);
        NiftiHeader h = Nifti.readHeader(TEMPLATES.resolve("ch2.nii.gz"));
        assertEquals(NiftiDatatype.UINT8, h.datatype());
        assertEquals(352, h.voxOffset());
        assertArrayEquals(new int[] {181, 217, 181}, t1.shape(), "(z, y, x) of dims 181×217×181");
        assertArrayEquals(new double[] {1, 1, 1}, t1.spacing());
        assertEquals(4, t1.geometry().sformCode());
        assertArrayEquals(new double[] {1, 0, 0, -90, 0, 1, 0, -125, 0, 0, 1, -71}, t1.geometry().sform(), 0);

        Volume aal = Nifti.read(TEMPLATES.resolve("aal.nii.gz"));
        assertTrue(aal.sameGrid(t1));
        assertArrayEquals(t1.geometry().sform(), aal.geometry().sform(), 0);
        Set<Integer> regions = new TreeSet<>();
        long rightOdd = 0;
        long odd = 0;
        for (int i = 0; i < aal.voxels(); i++) {
            int v = (int) aal.data()[i];
            if (v > 0) {
                regions.add(v);
                if (v <= 90 && v % 2 == 1) {
                    odd++;
                    rightOdd += i % 181 > 93 ? 1 : 0;
                }
            }
        }
        assertEquals(116, regions.size());
        assertEquals(1, regions.iterator().next());
        assertEquals(116, ((TreeSet<Integer>) regions).last());
        // World x = 0 is column 90; the atlas's medial surfaces meet at columns 90-92.
        assertTrue(rightOdd < 0.001 * odd, "odd AAL labels (_L) lie at x ≤ 93: " + rightOdd + " of " + odd
                + " beyond");
    }

    @Test
    void datasetHoldsLeftHemisphereTrainingAndRightHemisphereTest() {
        MsdDataset ds = Colin27Dataset.build(TEMPLATES, dir);
        assertEquals(6, ds.training().size());
        assertEquals(2, ds.test().size());
        assertEquals(Colin27Dataset.CLASSES.size(), ds.labels().size());
        LoadedCase left = ds.read(ds.training().get(0)); // m = 86, crop (2, 8)
        assertArrayEquals(new int[] {160, 192, 172}, left.reference().shape());
        Volume t1 = Nifti.read(TEMPLATES.resolve("ch2.nii.gz"));
        // Column x of the case is column x of the original (left) hemisphere, and its mirror image too.
        for (int x : new int[] {0, 40, 85}) {
            assertEquals(t1.get(2 + 80, 8 + 100, x), left.reference().get(80, 100, x));
            assertEquals(t1.get(2 + 80, 8 + 100, x), left.reference().get(80, 100, 171 - x));
        }
        boolean[] seen = new boolean[5];
        for (float v : left.labels().data()) {
            seen[(int) v] = true;
        }
        assertArrayEquals(new boolean[] {true, true, true, true, true}, seen, "every class in a training case");
        LoadedCase right = ds.read(ds.test().get(1));
        assertEquals("colin_right_half", right.id());
        assertArrayEquals(new int[] {160, 192, 90}, right.reference().shape());
        assertEquals(t1.get(5 + 70, 12 + 90, 91 + 30), right.reference().get(70, 90, 30));
        assertEquals(4, Colin27Dataset.classOf(100));
        assertEquals(2, Colin27Dataset.classOf(77));
        assertEquals(3, Colin27Dataset.classOf(37));
        assertEquals(1, Colin27Dataset.classOf(1));
        // The crop moved the world origin: voxel (0,0,0) of the half is voxel (5, 12, 91) of ch2.
        assertArrayEquals(new double[] {1, 0, 0, 1, 0, 1, 0, -113, 0, 0, 1, -66}, right.reference().geometry().sform(),
                0);
    }
}
