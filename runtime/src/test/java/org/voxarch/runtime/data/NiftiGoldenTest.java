package org.voxarch.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files made by another tool, Debian nifti-bin's {@code nifti_tool} (nifticlib 3.0.1), embedded here so that the
 * checks run on every machine. The source was a 4×3×2 int16 image with values 3i − 10 (i = 0..23) and pixdim
 * (0.5, 0.75, 2); the expected values are what {@code nifti_tool -disp_ci -1 -1 -1 -1 -1 -1 -1} and
 * {@code -disp_nim} printed for each file. {@link NiftiToolTest} repeats such checks live when nifti_tool is
 * installed.
 */
class NiftiGoldenTest {
    @TempDir
    Path dir;

    /** {@code nifti_tool -copy_im -prefix c.nii.gz}: header and gzip written by nifticlib. */
    private static final String COPIED = "H4sIAAAAAAAAA4thZCACFDEwM7AAMRMDIxSiAhYGAQTHnoHBAYgZHDDN2eDMwNBgT4yNQx3kaRuC6W//f/7/8///fyYGVgY"
            + "OBm4GPgZBBhEGcQYpBlkGBQZlBjUGTQYdBn0GIwZTBgsGawYA2CucgpABAAA=";
    /** {@code nifti_tool -swap_as_nifti}: the header byte-swapped to big-endian, the data bytes untouched. */
    private static final String SWAPPED = "H4sIAAAAAAACA2NgYIxhIAYwM7AAMRMDIxSiAhYGAQYG+wYgBnLsHRgYHLAY4bwBomYkgDxtQzD97f/P/3/+///PxMDKwMHAzc"
            + "DHIMggwiDOIMUgy6DAoMygxqDJoMOgz2DEYMpgwWDNAADAOAD4kAEAAA==";
    /** {@code nifti_tool -mod_hdr -mod_field scl_slope 2 -mod_field scl_inter 1}. */
    private static final String SCALED = "H4sIAAAAAAACA4thZCAKMDOwADETAyMUogIWBgEw3WAPJIDYAUQ7YJqywRkiDlY3rEGetiGY/vb/5/8/////Z2JgZeBg4GbgYxBk"
            + "EGEQZ5BikGVQYFBmUGPQZNBh0GcwYjBlsGCwZgAAhV4JIZABAAA=";
    /**
     * {@code nifti_tool -mod_hdr} with qform_code 1, quatern (0.2, −0.3, 0.4), qoffset (10.5, −20, 7.25), qfac −1,
     * sform_code 2 and srow (0.5 0 0 −3 / 0 0.75 0 4 / 0 0 2 5).
     */
    private static final String ORIENTED = "H4sIAAAAAAACA4thZCAKMDOwADETAyMUogIWBgEw3bAfSNgzMDgAMYMDpikbnIFq7BkGCWAE+ufsGR+7WTNn7jt75owdA4OGIwPD"
            + "goMMDC8cIP6AAYcDUBoq1oDsNyB7AYZf87QNwfS3/z////n//z8TAysDBwM3Ax+DIIMIgziDFIMsgwKDMoMagyaDDoM+gxGDKYMFgzU"
            + "DAHBhBMWQAQAA";

    private static float[] original() {
        float[] v = new float[24];
        for (int i = 0; i < 24; i++) {
            v[i] = 3 * i - 10;
        }
        return v;
    }

    private Path file(String name, String base64, boolean unzip) throws IOException {
        byte[] bytes = Base64.getDecoder().decode(base64);
        if (unzip) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    @Test
    void nifticlibGzipCopyReadsWithItsHeader() throws IOException {
        Volume v = Nifti.read(file("c.nii.gz", COPIED, false));
        assertArrayEquals(new int[] {2, 3, 4}, v.shape());
        assertArrayEquals(new double[] {2, 0.75, 0.5}, v.spacing());
        assertArrayEquals(original(), v.data());
        assertEquals(0, v.geometry().sformCode());
    }

    @Test
    void bigEndianHeaderMatchesNiftiToolsReading() throws IOException {
        Path f = file("s.nii", SWAPPED, true);
        assertEquals(ByteOrder.BIG_ENDIAN, Nifti.readHeader(f).byteOrder());
        // nifti_tool -disp_ci on the swapped file: the little-endian data bytes read big-endian.
        float[] expected = {-2305, -1537, -769, -1, 512, 1280, 2048, 2816, 3584, 4352, 5120, 5888, 6656, 7424, 8192,
            8960, 9728, 10496, 11264, 12032, 12800, 13568, 14336, 15104};
        Volume v = Nifti.read(f);
        assertArrayEquals(expected, v.data());
        assertArrayEquals(new double[] {2, 0.75, 0.5}, v.spacing());
    }

    @Test
    void sclSlopeSetByNiftiToolIsApplied() throws IOException {
        Path f = file("m.nii", SCALED, true);
        assertEquals(2f, Nifti.readHeader(f).sclSlope());
        float[] expected = original();
        for (int i = 0; i < expected.length; i++) {
            expected[i] = expected[i] * 2 + 1;
        }
        assertArrayEquals(expected, Nifti.read(f).data());
    }

    @Test
    void qformAndSformMatchNifticlibsMatrices() throws IOException {
        Geometry g = Nifti.read(file("q.nii", ORIENTED, true)).geometry();
        assertEquals(1, g.qformCode());
        assertEquals(2, g.sformCode());
        assertEquals(-1f, g.qfac());
        // nifti_tool -disp_nim -field qto_xyz (printed to 6 decimals)
        assertArrayEquals(new double[] {0.25, -0.595569, 0.691138, 10.5, 0.277046, 0.45, 1.154092, -20.0, 0.332785,
            0.072784, -1.48, 7.25}, g.qform(), 2e-6);
        assertArrayEquals(new double[] {0.5, 0, 0, -3, 0, 0.75, 0, 4, 0, 0, 2, 5}, g.sform(), 0);
    }
}
