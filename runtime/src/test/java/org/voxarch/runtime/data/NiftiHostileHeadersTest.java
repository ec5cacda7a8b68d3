package org.voxarch.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Headers that lie about the data are refused from the header and the file size, before anything is allocated. */
class NiftiHostileHeadersTest {
    @TempDir
    Path dir;

    private static NiftiBytes header(int x, int y, int z) {
        return new NiftiBytes(ByteOrder.LITTLE_ENDIAN, new int[] {x, y, z}, 16, 4, new float[] {1, 1, 1});
    }

    @Test
    void headerClaimingMoreVoxelsThanThePlainFileHoldsIsRefusedBeforeAllocation() throws IOException {
        Path file = dir.resolve("huge.nii");
        Files.write(file, header(1290, 1290, 1290).file(new byte[0]));
        String expected = file + ": voxel data ends after 0 of 8586756000 bytes: dims [1290, 1290, 1290] of float32"
                + " need 8586756000 bytes after vox_offset 352 (truncated file, or dims that do not match the data)";
        assertEquals(expected, assertThrows(NiftiException.class, () -> Nifti.read(file)).getMessage());
        assertEquals(expected, assertThrows(NiftiException.class, () -> Nifti.readHeader(file)).getMessage());
    }

    @Test
    void headerClaimingMoreVoxelsThanTheGzipCanExpandToIsRefusedBeforeAllocation() throws IOException {
        Path file = dir.resolve("huge.nii.gz");
        byte[] bytes = NiftiBytes.gzip(header(1290, 1290, 1290).file(new byte[64]));
        Files.write(file, bytes);
        assertEquals(file + ": dims [1290, 1290, 1290] of float32 need 8586756000 bytes after vox_offset 352, more"
                + " than " + bytes.length + " bytes of gzip data can expand to (at most 1032-fold): dim[1..3] do not"
                + " match the data", assertThrows(NiftiException.class, () -> Nifti.read(file)).getMessage());
    }

    @Test
    void sevenDimensionalHeaderIsRefusedWithoutAllocatingItsVolumes() throws IOException {
        Path file = dir.resolve("seven.nii");
        NiftiBytes b = header(2, 2, 2).field(40, (short) 7);
        for (int i = 4; i <= 7; i++) {
            b.field(40 + 2 * i, (short) 32767);
        }
        Files.write(file, b.file(new byte[32]));
        assertEquals(file + ": holds 2147483647 volumes (dims [2, 2, 2, 32767, 32767, 32767, 32767]); expected a"
                + " single 3-D image", assertThrows(NiftiException.class, () -> Nifti.read(file)).getMessage());
        NiftiException all = assertThrows(NiftiException.class,
                () -> Nifti.readVolumes(file, Nifti.NonFinite.ALLOW));
        assertTrue(all.getMessage().startsWith(file + ": voxel data ends after 32 of 9223372036854775807 bytes: dims"
                + " [2, 2, 2, 32767, 32767, 32767, 32767] of float32"), all.getMessage());
    }

    @Test
    void fiveDimensionalHeaderHoldsItsVolumesOrIsRefused() throws IOException {
        Path file = dir.resolve("five.nii");
        NiftiBytes b = header(2, 2, 2).field(40, (short) 5).field(48, (short) 1).field(50, (short) 3);
        Files.write(file, b.file(new byte[4 * 8 * 3]));
        assertEquals(3, Nifti.readVolumes(file, Nifti.NonFinite.REFUSE).size());
        assertEquals(file + ": holds 3 volumes (dims [2, 2, 2, 1, 3]); expected a single 3-D image",
                assertThrows(NiftiException.class, () -> Nifti.read(file)).getMessage());
    }

    @Test
    void zeroAndNegativeDimsAreRefused() throws IOException {
        Path zero = dir.resolve("zero.nii");
        Files.write(zero, header(4, 0, 2).file(new byte[32]));
        assertEquals(zero + ": dim[2] is 0; every used dimension must be ≥ 1 (dims [4, 0, 2])",
                assertThrows(NiftiException.class, () -> Nifti.read(zero)).getMessage());
        Path negative = dir.resolve("negative.nii");
        Files.write(negative, header(4, 3, -2).file(new byte[96]));
        assertEquals(negative + ": dim[3] is -2; every used dimension must be ≥ 1 (dims [4, 3, -2])",
                assertThrows(NiftiException.class, () -> Nifti.read(negative)).getMessage());
    }

    @Test
    void nonFinitePixdimAndSformAreRefusedNamingTheField() throws IOException {
        Path nan = dir.resolve("nan.nii");
        Files.write(nan, header(2, 2, 2).field(84, Float.NaN).file(new byte[32]));
        assertEquals(nan + ": pixdim[2] is NaN; voxel sizes must be finite",
                assertThrows(NiftiException.class, () -> Nifti.read(nan)).getMessage());
        Path inf = dir.resolve("inf.nii");
        Files.write(inf, header(2, 2, 2).sform(1, new float[] {1, 0, 0, 0, 0, 1, 0, Float.POSITIVE_INFINITY,
            0, 0, 1, 0}).file(new byte[32]));
        assertEquals(inf + ": srow_y[3] is Infinity while sform_code is 1; the sform must be finite",
                assertThrows(NiftiException.class, () -> Nifti.read(inf)).getMessage());
    }

    @Test
    void voxOffsetBeyondTheFileIsRefused() throws IOException {
        Path file = dir.resolve("offset.nii");
        Files.write(file, header(2, 2, 2).field(108, 1e9f).file(new byte[32]));
        assertEquals(file + ": voxel data ends after 0 of 32 bytes: dims [2, 2, 2] of float32 need 32 bytes after"
                + " vox_offset 1000000000 (truncated file, or dims that do not match the data)",
                assertThrows(NiftiException.class, () -> Nifti.read(file)).getMessage());
        Path nan = dir.resolve("nan-offset.nii");
        Files.write(nan, header(2, 2, 2).field(108, Float.NaN).file(new byte[32]));
        assertEquals(nan + ": vox_offset NaN lies inside the 348-byte header",
                assertThrows(NiftiException.class, () -> Nifti.read(nan)).getMessage());
    }

    @Test
    void gzipBombAfterValidDataIsCountedOnlyUpToABound() throws IOException {
        Path file = dir.resolve("bomb.nii.gz");
        byte[] content = header(2, 2, 2).file(new byte[32 + (64 << 20)]);
        Files.write(file, NiftiBytes.gzip(content));
        assertEquals(file + ": holds more than 16777216 bytes more voxel data than dims [2, 2, 2] of float32 need (32"
                + " bytes after vox_offset 352): the dims do not match the data",
                assertThrows(NiftiException.class, () -> Nifti.read(file)).getMessage());
    }

    @Test
    void dimsNeedingMoreHeapThanFreeAreRefusedBeforeAllocation() throws IOException {
        long voxels = 30000L * 30000 * 2;
        assumeTrue(Runtime.getRuntime().maxMemory() < 4 * voxels, "the test JVM's heap is smaller than 7.2 GB");
        Path file = dir.resolve("sparse.nii");
        Files.write(file, new NiftiBytes(ByteOrder.LITTLE_ENDIAN, new int[] {30000, 30000, 2}, 2, 1,
                new float[] {1, 1, 1}).file(new byte[0]));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(352 + voxels); // sparse: no disk used
        }
        NiftiException e = assertThrows(NiftiException.class, () -> Nifti.read(file));
        assertTrue(e.getMessage().startsWith(file + ": dims [30000, 30000, 2] give 1800000000 voxels: reading them"
                + " needs 6.7 GiB of heap but only "), e.getMessage());
    }

    /** Volume fuzzer: int16 voxels times scl_slope 3e38 became infinite, and were normalised into NaN silently. */
    @Test
    void integerVoxelsScaledPastTheFloatRangeAreRefusedAsNonFinite() throws IOException {
        Path file = dir.resolve("scaled.nii");
        NiftiBytes b = new NiftiBytes(ByteOrder.LITTLE_ENDIAN, new int[] {2, 2, 2}, 4, 2, new float[] {1, 1, 1})
                .scaling(3e38f, 0);
        Files.write(file, b.file(b.shorts(0, 1, 2, 3, 0, 0, 0, 0)));
        assertEquals(file + ": has 2 non-finite values (0 NaN, 2 ±Inf), the first at voxel x=0, y=1, z=0; fix the"
                + " image (or read it allowing non-finite values)",
                assertThrows(NiftiException.class, () -> Nifti.read(file)).getMessage());
    }
}
